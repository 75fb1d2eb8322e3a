import { createRoot } from 'react-dom/client';
import { OptionsContainer } from './OptionsContainer';
import { language, t } from '../../lib/i18n';
import '../../components/options.css';

document.documentElement.lang = language();
document.title = t('optionsTitle');
createRoot(document.getElementById('root')!).render(<OptionsContainer />);
