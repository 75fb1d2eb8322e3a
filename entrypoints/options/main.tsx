import { createRoot } from 'react-dom/client';
import { OptionsContainer } from './OptionsContainer';
import { language, loadLanguage, t } from '../../lib/i18n';
import '../../lib/i18n-extension';
import '../../components/options.css';

document.documentElement.lang = language();
void loadLanguage().then(() => {
  document.title = t('optionsTitle');
  createRoot(document.getElementById('root')!).render(<OptionsContainer />);
});
