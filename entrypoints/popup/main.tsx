import { render } from 'preact';
import { RolesOverview } from '../../components/RolesOverview';
import './popup.css';

render(<RolesOverview />, document.getElementById('app')!);
