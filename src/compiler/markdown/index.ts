import markdownIt, { type MarkdownIt } from 'markdown-it';
import attrs from 'markdown-it-attrs';
import cjkFriendly from 'markdown-it-cjk-friendly';
import { cjkBreaks } from './cjk-breaks.ts';
import { codeBlocks } from './code/index.ts';
import { elementComments } from './element-comments.ts';
import { factRefs } from './fact-refs.ts';
import { fenceBlocks } from './fence-blocks.ts';
import { gfm } from './gfm.ts';
import { images } from './images.ts';
import { nowrap } from './nowrap.ts';
import { untrustedHtml } from './untrusted-html.ts';

/**
 * The deck's markdown-it, with every rule it adds in order. HTML is on: the deck's author is trusted.
 * GFM-like, as reveal.js's marked: tables and ~~strikethrough~~ (markdown-it's defaults) and bare URLs as links.
 */
export function createMarkdown(): MarkdownIt {
  return markdownIt({ html: true, linkify: true, typographer: false })
    .use(gfm) // <del> and align="…", as marked writes them
    .use(cjkFriendly) // **“强调”** next to Chinese punctuation is emphasis, as a Chinese author means it
    .use(cjkBreaks) // a line break between two Chinese characters is no space
    .use(attrs, { allowedAttributes: [] }) // {.fragment} {#id} {data-x=1}
    .use(untrustedHtml) // under --untrusted, no <script>, on…= or javascript: in raw HTML
    .use(elementComments) // <!-- .element: … --> and <!-- .slide: … -->, as reveal.js's markdown plugin
    .use(images) // check image paths and rewrite them from the project root
    .use(factRefs) // [[fact-id]]: a number from the facts file, with its unit and source
    .use(nowrap) // dates and numbers with units never split across lines
    .use(fenceBlocks) // ```chart and other registered blocks; any other fence is a code listing
    .use(codeBlocks); // indented code, highlighted as reveal.js does
}
