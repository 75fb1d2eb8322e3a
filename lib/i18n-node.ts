// Node (CLI, tests, scripts): both catalogs, read at import. Import this once at the entry point.
import de from '../public/i18n/de.json';
import en from '../public/i18n/en.json';
import { installCatalogs } from './i18n';

installCatalogs({ de, en });
