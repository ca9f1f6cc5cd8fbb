/** Every string the runtime shows, so the font subset can include their glyphs. */
export const UI_TEXT = {
  'zh-Hans': {
    showData: '显示数据',
    hideData: '隐藏数据',
    switchLang: '繁體',
    live: '跟随演讲',
    detached: '已脱离',
    reconnecting: '重新连接中',
    error: '出错',
  },
  'zh-Hant': {
    showData: '顯示數據',
    hideData: '隱藏數據',
    switchLang: '简体',
    live: '跟隨演講',
    detached: '已脫離',
    reconnecting: '重新連接中',
    error: '出錯',
  },
} as const;

export type UiLang = keyof typeof UI_TEXT;
