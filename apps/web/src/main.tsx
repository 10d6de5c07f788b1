import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './styles/base.css';
import './styles/components.css';
import './styles/shell.css';
import './styles/search.css';
import './styles/pages.css';
import './styles/surfaces.css';
import './styles/schedule.css';
import './styles/schedule-panel.css';
import './styles/booking.css';
import './styles/waitlist.css';
import './styles/records.css';
import './styles/break-glass.css';
import './styles/portal.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
