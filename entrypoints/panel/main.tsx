import { render } from 'preact';
import { frameParams } from '../../components/frame/frame-params';
import { PanelApp, startPanel } from '../../components/panel/PanelApp';
import '../../components/theme.css';
import '../../components/frame/frame.css';

frameParams();
// The frame lives as long as its page: nothing ever stops the model.
const model = startPanel(new AbortController().signal);
render(<PanelApp model={model} />, document.getElementById('app')!);
