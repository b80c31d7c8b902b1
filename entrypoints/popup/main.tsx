import { render } from 'preact';
import { RolesOverview } from '../../components/RolesOverview';
import { ThisPage } from '../../components/ThisPage';
import './popup.css';

render(
  <>
    <ThisPage />
    <RolesOverview />
  </>,
  document.getElementById('app')!,
);
