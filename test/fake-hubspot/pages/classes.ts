// Generated-looking class names that change with every server start, as HubSpot's build does:
// nothing may select on them. Each entry is "StableLooking__Name-sc-<salt>-<n> <random>"; the CSS
// targets only the random part.
import { randomBytes } from 'node:crypto';

export const CLASS_KEYS = [
  'body', 'nav', 'navLink', 'navBrand', 'app', 'layout', 'left', 'middle', 'right', 'highlight', 'avatar',
  'recordName', 'recordEmail', 'card', 'cardHeader', 'cardTitle', 'section', 'sectionHeader', 'sectionToggle',
  'propertyList', 'propertyRow', 'propertyLabel', 'propertyValue', 'propertyText', 'empty', 'tabs', 'tab',
  'tabActive', 'pager', 'pagerLink', 'timeline', 'sideCard', 'skeleton', 'listPage', 'listHeader', 'listName',
  'badge', 'table', 'filterTree', 'notFound', 'saveBar', 'button', 'buttonPrimary', 'muted',
  'editor', 'tagList', 'tag', 'tagRemove', 'search', 'optionList', 'option', 'textInput', 'saveError',
] as const;
export type ClassKey = (typeof CLASS_KEYS)[number];

function letters(n: number): string {
  const abc = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const bytes = randomBytes(n);
  let out = '';
  for (let i = 0; i < n; i++) out += abc[bytes[i]! % abc.length];
  return out;
}

export interface ClassNames {
  /** Full class attribute value per key. */
  cls: Record<ClassKey, string>;
  /** The random class per key (for CSS). */
  key: Record<ClassKey, string>;
}

export function makeClassNames(): ClassNames {
  const salt = randomBytes(4).toString('hex').slice(0, 6);
  const cls = {} as Record<ClassKey, string>;
  const key = {} as Record<ClassKey, string>;
  CLASS_KEYS.forEach((k, i) => {
    const r = letters(6);
    const styled = k.charAt(0).toUpperCase() + k.slice(1);
    cls[k] = `UI${styled}__Styled${styled}-sc-${salt}-${i} ${r}`;
    key[k] = r;
  });
  return { cls, key };
}

export function css(k: Record<ClassKey, string>): string {
  const s = (name: ClassKey) => `.${k[name]}`;
  return `
*{box-sizing:border-box}
${s('body')}{margin:0;font-family:"Lexend Deca",Helvetica,Arial,sans-serif;font-size:14px;color:#33475b;background:#f5f8fa}
${s('nav')}{display:flex;gap:20px;align-items:center;height:56px;padding:0 20px;background:#2d3e50;color:#fff}
${s('navBrand')}{font-weight:700;color:#ff7a59}
${s('navLink')}{color:#fff;text-decoration:none}
${s('layout')}{display:flex;gap:0;min-height:calc(100vh - 56px)}
${s('left')}{width:360px;flex:none;background:#fff;border-right:1px solid #cbd6e2;overflow:auto}
${s('middle')}{flex:1;padding:16px 24px;min-width:0}
${s('right')}{width:320px;flex:none;background:#fff;border-left:1px solid #cbd6e2;padding:16px}
${s('highlight')}{padding:24px 20px;border-bottom:1px solid #cbd6e2;text-align:center}
${s('avatar')}{width:64px;height:64px;border-radius:50%;background:#00bda5;color:#fff;display:inline-flex;align-items:center;justify-content:center;font-size:22px;font-weight:600}
${s('recordName')}{font-size:20px;margin:12px 0 4px}
${s('recordEmail')}{color:#516f90;word-break:break-all}
${s('card')}{padding:8px 0}
${s('cardHeader')}{padding:8px 20px}
${s('cardTitle')}{font-size:16px;margin:0}
${s('section')}{border-top:1px solid #eaf0f6}
${s('sectionHeader')}{margin:0}
${s('sectionToggle')}{width:100%;text-align:left;background:none;border:0;padding:12px 20px;font:inherit;font-weight:600;color:#33475b;cursor:pointer}
${s('sectionToggle')}[aria-expanded="false"]::before{content:"▸ "}
${s('sectionToggle')}[aria-expanded="true"]::before{content:"▾ "}
${s('propertyList')}{list-style:none;margin:0;padding:0 20px 12px}
${s('propertyRow')}{display:block;padding:6px 0}
${s('propertyLabel')}{font-size:12px;color:#516f90;margin-bottom:2px}
${s('propertyValue')}{min-height:22px;padding:2px 4px;border-radius:3px;cursor:pointer}
${s('propertyValue')}:hover{background:#eaf0f6}
${s('propertyText')}{white-space:pre-wrap;word-break:break-word}
${s('empty')}{color:#7c98b6}
${s('tabs')}{display:flex;gap:16px;border-bottom:1px solid #cbd6e2;margin-bottom:16px}
${s('tab')}{padding:8px 0;border:0;background:none;font:inherit;color:#33475b;text-decoration:none}
${s('tabActive')},${s('tab')}[aria-current="page"]{border-bottom:3px solid #00a4bd;font-weight:600}
${s('pager')}{display:flex;gap:16px;margin:12px 0}
${s('pagerLink')}{color:#0091ae;text-decoration:none;font-weight:600}
${s('timeline')}{background:#fff;border:1px solid #cbd6e2;border-radius:4px;padding:16px}
${s('sideCard')}{border-bottom:1px solid #eaf0f6;padding:12px 0}
${s('skeleton')}{height:14px;margin:10px 20px;background:#eaf0f6;border-radius:3px}
${s('listPage')}{padding:16px 24px}
${s('listHeader')}{display:flex;align-items:baseline;gap:16px;flex-wrap:wrap}
${s('listName')}{font-size:22px;margin:8px 0}
${s('badge')}{display:inline-block;padding:2px 8px;border-radius:10px;background:#eaf0f6;font-size:12px}
${s('table')}{border-collapse:collapse;width:100%;background:#fff}
${s('table')} th,${s('table')} td{border-bottom:1px solid #eaf0f6;padding:8px;text-align:left}
${s('filterTree')}{background:#fff;border:1px solid #cbd6e2;border-radius:4px;padding:12px;font-size:13px}
${s('filterTree')} ul{margin:4px 0 4px 18px;padding:0}
${s('notFound')}{padding:40px;text-align:center;color:#516f90}
${s('saveBar')}{position:sticky;bottom:0;display:flex;gap:8px;padding:12px 20px;background:#fff;border-top:1px solid #cbd6e2}
${s('button')}{padding:8px 16px;border:1px solid #cbd6e2;border-radius:3px;background:#fff;font:inherit;cursor:pointer}
${s('buttonPrimary')}{background:#ff7a59;border-color:#ff7a59;color:#fff}
${s('muted')}{color:#7c98b6}
${s('editor')}{cursor:auto;background:#f5f8fa;border:1px solid #cbd6e2;padding:6px}
${s('editor')}:hover{background:#f5f8fa}
${s('tagList')}{display:flex;flex-wrap:wrap;gap:4px;margin-bottom:6px}
${s('tag')}{display:inline-flex;align-items:center;gap:4px;padding:2px 6px;border-radius:3px;background:#eaf0f6;border:1px solid #cbd6e2;font-size:12px}
${s('tagRemove')}{border:0;background:none;padding:0 2px;cursor:pointer;color:#33475b;font:inherit}
${s('search')}{width:100%;padding:6px 8px;border:1px solid #cbd6e2;border-radius:3px;font:inherit}
${s('optionList')}{list-style:none;margin:6px 0 0;padding:0;max-height:180px;overflow:auto}
${s('option')}{padding:3px 2px}
${s('textInput')}{width:100%;padding:6px 8px;border:1px solid #cbd6e2;border-radius:3px;font:inherit;resize:vertical}
${s('saveError')}{color:#b3261e;align-self:center}
`;
}
