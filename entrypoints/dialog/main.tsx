import { render } from 'preact';
import { DialogApp } from '../../components/dialog/DialogApp';
import { frameParams } from '../../components/frame/frame-params';
import '../../components/theme.css';
import '../../components/frame/frame.css';

const params = frameParams();
render(
  <DialogApp mode={params.get('mode') ?? 'new'} connectionId={params.get('id')} />,
  document.getElementById('app')!,
);
