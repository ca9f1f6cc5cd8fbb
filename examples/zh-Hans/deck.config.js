// 演示文稿的设置（均可省略）。第一个幻灯片文件的 front matter 也可以写 title: 和 lang:。
/** @type {import('../../src/config/types.ts').DeckConfigInput} */
export default {
  lang: 'zh-Hans',
  // variants: [{ lang: 'zh-Hant', label: '繁體', convert: (text) => text }],  另出一个语言版本及其转换函数
  // outDir: 'dist',            deck build 写出网站的位置
  // slidesDir: 'slides',       markdown 文件所在的文件夹，按文件名顺序读取
  // facts: 'slides/data/facts.yaml',
  // theme: 'theme.css',        在内置主题之后加载的样式表
  // scripts: ['scripts/talk.js'], 演示自己的脚本，随 reveal.js 运行（README：A deck's own scripts）
  // relay: true,               deck start 时观众可用手机跟随演讲
  // offline: true,             首次加载后手机离线也能看（service worker）；false 关闭
};
