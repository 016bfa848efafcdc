import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@picocss/pico/css/pico.min.css';
import './app/app.css';
import { App } from './app/App.js';
import { loadRuntimeConfig } from './config/runtime-config.js';
import { startI18n } from './lib/i18n.js';

const root = createRoot(document.getElementById('root') as HTMLElement);

Promise.all([loadRuntimeConfig(), startI18n()])
  .then(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  )
  .catch((error: unknown) => {
    root.render(
      <main className="container">
        <h1>Dealer Channel</h1>
        <p role="alert">The portal could not start: {String((error as Error).message ?? error)}</p>
      </main>,
    );
  });
