// Unit and component tests read German UI text unless a test chooses otherwise.
import '../lib/i18n-node';
import { setLanguage } from '../lib/i18n';
setLanguage('de');
