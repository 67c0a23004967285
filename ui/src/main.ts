// Start-up: learn whether the browser is still signed in, then mount the app.
import { createApp } from 'vue'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { restore } from './session'
import './styles.css'

document.documentElement.lang = i18n.global.locale.value
restore()
  .catch(() => undefined) // the sign-in page shows server errors when it is used
  .finally(() => {
    createApp(App).use(i18n).use(router).mount('#app')
  })
