// Brand families as one text, as the options page's text box and the command line's
// HUBSPOT_BRAND_FAMILIES take them: "Kunstmeile: kunstmeile_nord, kunstmeile_sued; Galerien: galerie_west".
// Families are separated by new lines or `;` (HubSpot joins a multi-checkbox's values with `;`, so no
// option value holds one); a family is "name: value, value". Pure.
import type { BrandFamily } from './types';

export interface ParsedFamilies {
  families: BrandFamily[];
  /** 1-based lines holding a malformed family, each once. */
  badLines: number[];
  /** The malformed families as written (trimmed), in order. */
  badParts: string[];
}

export function parseFamiliesText(text: string): ParsedFamilies {
  const out: ParsedFamilies = { families: [], badLines: [], badParts: [] };
  text.split('\n').forEach((line, i) => {
    for (const part of line.split(';')) {
      if (!part.trim()) continue;
      const colon = part.indexOf(':');
      const name = colon > 0 ? part.slice(0, colon).trim() : '';
      const brands = colon > 0 ? part.slice(colon + 1).split(',').map((b) => b.trim()).filter(Boolean) : [];
      if (name && brands.length > 0) {
        out.families.push({ name, brands: [...new Set(brands)] });
        continue;
      }
      out.badParts.push(part.trim());
      if (out.badLines.at(-1) !== i + 1) out.badLines.push(i + 1);
    }
  });
  return out;
}
