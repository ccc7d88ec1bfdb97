import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import './console.css';
import { MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadConfig } from './api/config';
import { App } from './app/App';
import { initI18n } from './i18n';

initI18n();
// Darker primary shades keep text on buttons and links above the 4.5:1 contrast axe checks.
const theme = createTheme({ primaryColor: 'indigo', primaryShade: 8, fontFamily: 'system-ui, sans-serif' });
// Dimmed text (hints, descriptions) one shade darker than Mantine's, for the same reason.
const variables: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' }, dark: {} });
const root = createRoot(document.getElementById('root')!);

loadConfig()
  .then((config) =>
    root.render(
      <StrictMode>
        <MantineProvider theme={theme} cssVariablesResolver={variables}>
          <App config={config} />
        </MantineProvider>
      </StrictMode>,
    ),
  )
  .catch((error: Error) => {
    root.render(<p role="alert">Lindung cannot reach its gateway ({error.message}). Is `npm start` running?</p>);
  });
