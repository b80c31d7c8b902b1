import { render } from 'preact';
import { frameParams } from '../../components/frame/frame-params';
import { PanelApp } from '../../components/panel/PanelApp';
import '../../components/theme.css';
import '../../components/frame/frame.css';

frameParams();
render(<PanelApp />, document.getElementById('app')!);
