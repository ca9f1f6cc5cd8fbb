import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Converter } from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { importConfigFile } from '../../src/config/file.ts';
import { findConfigFile, resolveDeckConfig, type VariantInput } from '../../src/config/index.ts';

// This deck's 繁體 page: its config's converter (s2tw) and phrases, as the build applies them.
const root = fileURLToPath(new URL('../..', import.meta.url));
const hant = (await resolveDeckConfig(root, {})).variants.find((v) => v.lang === 'zh-Hant');
const toHant = hant!.convert!;
const input = (await importConfigFile(findConfigFile(root)!)) as { variants: VariantInput[] };
const phrases = input.variants.find((v) => v.lang === 'zh-Hant')!.phrases!;

describe('简体 → 繁體', () => {
  it.each([
    ['济南工业强市', '濟南工業強市'],
    ['一张蓝图干到底', '一張藍圖干到底'],
    ['换句话说，工业强', '換句話說，工業強'],
    ['向着工业强市', '向著工業強市'],
    ['山科人工智能和高端装备产业科技园项目', '山科人工智慧和高端裝備產業科技園項目'],
    ['优化工业发展的生产力区域布局', '優化工業發展的生產力區域布局'],
    ['项目突破年、项目深化年、项目提升年', '項目突破年、項目深化年、項目提升年'],
    ['人工智能产业发展办公室', '人工智慧產業發展辦公室'],
    ['电子信息', '電子信息'],
    ['“顶格”召开', '「頂格」召開'],
    ['连续三年跨越三个千亿台阶', '連續三年跨越三個千億台階'],
    ['着眼自身产业特点', '著眼自身產業特點'],
    ['中晶芯源碳化硅单晶和衬底产业化项目', '中晶芯源碳化硅單晶和襯底產業化項目'],
    ['小鸭洗衣机、康巴丝钟表、趵突泉啤酒', '小鴨洗衣機、康巴絲鐘錶、趵突泉啤酒'],
  ])('%s → %s', (hans, hant) => {
    expect(toHant(hans)).toBe(hant);
  });

  it('keeps paths, data references and URLs as written', () => {
    expect(toHant('![图](图片/济南.png) 济南')).toBe('![圖](图片/济南.png) 濟南');
    expect(toHant('data: ./data/产业.yaml#份额')).toBe('data: ./data/产业.yaml#份额');
    expect(toHant('见 https://例子.cn/济南 页')).toBe('見 https://例子.cn/济南 頁');
  });

  it('writes the article as the article writes it: 繁體 → 简体 → 繁體 gives the article back', () => {
    const article = readFileSync(new URL('../fixtures/source/article.zh-Hant.txt', import.meta.url), 'utf8');
    const hans = Converter({ from: 'tw', to: 'cn' })(article);
    expect(hans).not.toBe(article);
    const back = toHant(hans);
    const lines = article.split('\n');
    const diff = back.split('\n').flatMap((l, i) => (l === lines[i] ? [] : [`${lines[i]}\n${l}`]));
    expect(diff).toEqual([]);
  });

  // Each phrase with 简体 text it is there for: what the tables alone make of it, and the page's 繁體.
  const cases: [phrase: string, hans: string, tablesAlone: string, hant: string][] = [
    ['“', '“顶格”', '“頂格”', '「頂格」'],
    ['”', '“顶格”', '“頂格”', '「頂格」'],
    ['‘', '“一张‘蓝图’”', '“一張‘藍圖’”', '「一張『藍圖』」'],
    ['’', '“一张‘蓝图’”', '“一張‘藍圖’”', '「一張『藍圖』」'],
    ['人工智能', '人工智能产业', '人工智能產業', '人工智慧產業'],
    ['佈局', '产业布局', '產業佈局', '產業布局'],
    ['生命週期', '全生命周期', '全生命週期', '全生命周期'],
    ['把準', '把准方向', '把準方向', '把准方向'],
    ['找準', '找准定位', '找準定位', '找准定位'],
    ['藍圖幹到底', '一张蓝图干到底', '一張藍圖幹到底', '一張藍圖干到底'],
    ['臺階', '迈上新台阶', '邁上新臺階', '邁上新台階'],
    ['出臺', '政策出台', '政策出臺', '政策出台'],
    ['一目瞭然', '一目了然', '一目瞭然', '一目了然'],
    ['瞭解', '了解情况', '瞭解情況', '了解情況'],
  ];
  const tablesAlone = Converter({ from: 'cn', to: 'tw' });

  it.each(cases)('phrase %s: %s is %s by the tables, %s on the page', (from, hans, tables, hant) => {
    expect(tablesAlone(hans)).toBe(tables);
    expect(tables).toContain(from);
    expect(toHant(hans)).toBe(hant);
  });

  it('every phrase is needed and has a case above', () => {
    expect(Object.keys(phrases)).toEqual(cases.map(([from]) => from));
  });
});

describe('简体 → 繁體 of compiled HTML', () => {
  it('converts text and data but keeps paths in src, href and data-source', () => {
    expect(
      toHant(
        '<section data-source="slides/产业.md:1-2"><img src="/slides/图/济南.png" alt="济南">来源</section>',
      ),
    ).toBe(
      '<section data-source="slides/产业.md:1-2"><img src="/slides/图/济南.png" alt="濟南">來源</section>',
    );
  });
});
