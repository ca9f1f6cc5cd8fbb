declare module 'markdown-it-cjk-breaks' {
  import type { PluginSimple } from 'markdown-it';

  const cjkBreaks: PluginSimple;
  export default cjkBreaks;
}
