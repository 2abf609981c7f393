import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { ToastProvider } from '@orchestrator/shared/ui';
import '@orchestrator/shared/ui/styles.css';
import './shell.css';
import { App } from './App.tsx';
import { MetaProvider } from './meta/MetaProvider.tsx';
import { SessionProvider } from './session/SessionProvider.tsx';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <BrowserRouter>
      <ToastProvider>
        <MetaProvider>
          <SessionProvider>
            <App />
          </SessionProvider>
        </MetaProvider>
      </ToastProvider>
    </BrowserRouter>
  </StrictMode>,
);
