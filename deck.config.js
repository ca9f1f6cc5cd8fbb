/**
 * This repository's deck: written in 简体, with a 繁體 page converted by OpenCC's s2tw (Taiwan standard forms:
 * 說, 著, 為, as the source article writes them; not s2twp, whose vocabulary would rename the meeting's terms,
 * 项目 → 專案; not s2hk, whose 説 and 着 read as simplified in Taiwan). Then the article's own forms where s2tw
 * picks another (one simplified character, several traditional ones, chosen by phrase), its quotation marks and
 * its one vocabulary difference (人工智慧). tests/unit/hant.test.ts holds each phrase to a case.
 */
/** @type {import('./src/config/types.ts').DeckConfigInput} */
export default {
  // Exported files are exports/zuozhantu.pdf, .pptx (the package is the engine, zuozhantu-deck).
  name: 'zuozhantu',
  lang: 'zh-Hans',
  label: '简体',
  // The units this deck's figures are counted in (元 亿元, 条, 个, 家, 场, 年, 次, 项, 万家次): each stays on its
  // number's line, where Chinese's default list has only the common ones.
  text: { noBreakUnits: ['元', '条', '个', '家', '场', '年', '次', '项'] },
  // Every chart says where its numbers come from.
  sources: 'required',
  // The meeting's time zone: exports render in it wherever they are made.
  timezone: 'Asia/Shanghai',
  variants: [
    {
      lang: 'zh-Hant',
      label: '繁體',
      convert: 's2tw',
      phrases: {
        '“': '「',
        '”': '」',
        '‘': '『',
        '’': '』',
        人工智能: '人工智慧',
        佈局: '布局',
        生命週期: '生命周期',
        把準: '把准',
        找準: '找准',
        藍圖幹到底: '藍圖干到底',
        臺階: '台階',
        出臺: '出台',
        一目瞭然: '一目了然',
        瞭解: '了解',
      },
    },
  ],
};
