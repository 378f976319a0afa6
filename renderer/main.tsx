import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './i18n';
import './styles.css';
import './ledger.css';
import './reports.css';

// The bridge's start URL carries the token once; it is already a cookie, so take it out of the address bar.
if (new URLSearchParams(window.location.search).has('token')) {
  window.history.replaceState(null, '', window.location.pathname);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
