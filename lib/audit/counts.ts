// "1 Liste", "5 Listen": counts the options page and the command line put into their sentences.
import { tn } from '../i18n';

export const countLists = (n: number): string => tn('countLists', n, n);
export const countWorkflows = (n: number): string => tn('countWorkflows', n, n);
