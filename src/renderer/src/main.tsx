import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './shell/app'
// Courier Prime (OFL): the screenplay page font, bundled so every machine shows the same page.
import '@fontsource/courier-prime/400.css'
import '@fontsource/courier-prime/400-italic.css'
import '@fontsource/courier-prime/700.css'
import '@fontsource/courier-prime/700-italic.css'
import './styles.css'

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>
  )
}
