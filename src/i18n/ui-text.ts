/**
 * Every string the runtime shows, in the deck's language (English, or Chinese for a zh-* deck), so the font
 * subset can include their glyphs.
 */
export const UI_TEXT = {
  en: {
    showData: 'Show data',
    hideData: 'Hide data',
    live: 'Follow live',
    detached: 'Detached',
    reconnecting: 'Reconnecting',
    error: 'Error',
    following: 'Following',
    presenting: 'Presenting',
    denied: 'Presenter token refused',
    audience: 'watching',
    joinTitle: 'Scan to follow the talk',
    presenterView: 'Presenter view',
    nextSlide: 'Next slide',
    nextFragment: 'Next step (this slide)',
    lastSlide: 'This is the last slide',
    notes: 'Notes',
    noNotes: 'No notes for this slide',
    elapsed: 'Elapsed',
    clock: 'Time',
    slideCount: 'slides',
    resetTimer: 'Reset timer',
    language: 'Language',
    followStatus: 'Follow-along status',
    prevSlide: 'Previous slide',
    upSlide: 'Slide above',
    downSlide: 'Slide below',
    provenance: 'Provenance',
    provenanceToggle: 'Where the content comes from',
  },
  'zh-Hans': {
    showData: '显示数据',
    hideData: '隐藏数据',
    live: '跟随演讲',
    detached: '已脱离',
    reconnecting: '重新连接中',
    error: '出错',
    following: '跟随中',
    presenting: '演讲者',
    denied: '演讲者口令无效',
    audience: '位观众',
    joinTitle: '扫码跟随演讲',
    presenterView: '演讲者视图',
    nextSlide: '下一张',
    nextFragment: '下一步（本页）',
    lastSlide: '已是最后一张',
    notes: '讲稿',
    noNotes: '本页没有讲稿',
    elapsed: '用时',
    clock: '时间',
    slideCount: '页',
    resetTimer: '重新计时',
    language: '语言',
    followStatus: '跟随演讲状态',
    prevSlide: '上一张',
    upSlide: '上方一张',
    downSlide: '下方一张',
    provenance: '出处',
    provenanceToggle: '显示内容出处',
  },
  'zh-Hant': {
    showData: '顯示數據',
    hideData: '隱藏數據',
    live: '跟隨演講',
    detached: '已脫離',
    reconnecting: '重新連接中',
    error: '出錯',
    following: '跟隨中',
    presenting: '演講者',
    denied: '演講者口令無效',
    audience: '位觀眾',
    joinTitle: '掃碼跟隨演講',
    presenterView: '演講者視圖',
    nextSlide: '下一張',
    nextFragment: '下一步（本頁）',
    lastSlide: '已是最後一張',
    notes: '講稿',
    noNotes: '本頁沒有講稿',
    elapsed: '用時',
    clock: '時間',
    slideCount: '頁',
    resetTimer: '重新計時',
    language: '語言',
    followStatus: '跟隨演講狀態',
    prevSlide: '上一張',
    upSlide: '上方一張',
    downSlide: '下方一張',
    provenance: '出處',
    provenanceToggle: '顯示內容出處',
  },
} as const satisfies Record<string, Record<string, string>>;

export type UiLang = keyof typeof UI_TEXT;
export type UiText = (typeof UI_TEXT)[UiLang];

/** The UI language for a deck language: traditional Chinese, simplified Chinese, else English. */
export function uiLang(lang: string): UiLang {
  if (/^zh-(?:Hant|TW|HK|MO)\b/i.test(lang)) return 'zh-Hant';
  if (/^zh\b/i.test(lang)) return 'zh-Hans';
  return 'en';
}

export const uiText = (lang: string): UiText => UI_TEXT[uiLang(lang)];
