import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { config, dist } from './site.ts';

const load = (page: string) => parseHTML(readFileSync(join(dist, page), 'utf8')).document;
const [hansPage, hantPage] = config.variants.map((v) => v.page);
const hans = load(hansPage!);
const hant = load(hantPage!);

/** Characters that exist only in 简体: any of them in the 繁體 page is a conversion that did not happen. */
const SIMPLIFIED_ONLY = '济业发产链个们这来时为会对说经动过还进从现开关点门问间让车长书头实东务军区张两亚与专业调质级红线约纪绿续际阶龙鸭钟锻钢铁钱银万亿单传伤价众优创务动势华协厂历县变发叶号后听启员响团围图园场块坚坛壮处备复头夺奋宁宝实审宽对导层岁岛带归开张弹强当录态总战户扩执扬护报担拥挥损换据权条来杰构极标样树桥检楼横欢气汇汉汤沟没沪泽洁浓涛涨润渐温湾满灵灾烦热爱牵状独猎环现电画畅疗监盖盘矿码确础离种积称稳穷竞笔筑简粮紧纲纳纵纷纸终组织细经结绕给绝统继绩维综缘缩网罗职联肠脑艺节范荣药获营萧虑补规视览觉订计认讨让训议讯记讲许论设访证评识诉诊诚话该详语误说请诸课谁调谈谋谢谱贝负贡财责贤败货质购贯贴费资贸贷赋跃践车转轮软轻载较辅辆辉输辖边达迁过运还这进远连迟适选逊递遥邓邮邻郑释钥铺银链锁锋锐锦镇长门闪闭问闯闲间闻阔队阳阴阵阶际陆陈隐难雾静页项顺须顾顿预领频题颜风飞饭馆驰驱验髓鲁鸡鸣麦黄齐龄龙';

describe('the 繁體 variant', () => {
  it('has the same slides, in the same structure, as the 简体 one', () => {
    const shape = (doc: Document) =>
      [...doc.querySelectorAll('.slides > section')].map((s) =>
        [...s.querySelectorAll(':scope > section')].map((x) => x.getAttribute('data-source')).join('|') ||
        s.getAttribute('data-source'),
      );
    expect(shape(hant)).toEqual(shape(hans));
    expect(shape(hant).length).toBeGreaterThan(2);
    const blocks = (doc: Document) => [...doc.querySelectorAll('[data-block]')].map((b) => b.getAttribute('data-block'));
    expect(blocks(hant)).toEqual(blocks(hans));
  });

  it('is configured by the deck: 简体 at the root, 繁體 in zh-Hant/', () => {
    expect(config.variants.map((v) => [v.lang, v.label, v.page])).toEqual([
      ['zh-Hans', '简体', 'index.html'],
      ['zh-Hant', '繁體', 'zh-Hant/index.html'],
    ]);
  });

  it('says its language and title in 繁體', () => {
    expect(hans.documentElement.getAttribute('lang')).toBe('zh-Hans');
    expect(hant.documentElement.getAttribute('lang')).toBe('zh-Hant');
    expect(hant.title).toBe('工業強市作戰圖');
    expect(hans.title).toBe('工业强市作战图');
  });

  it('has no 简体-only character left, in slides, notes or data', () => {
    // The switch's label for the other variant is 简体 on purpose: it names that variant in its own script.
    const { alternates: _links, ...config } = JSON.parse(hant.getElementById('deck-config')?.textContent ?? '{}');
    const text = hant.querySelector('.slides')!.textContent + hant.title + JSON.stringify(config);
    const left = [...new Set([...text].filter((c) => SIMPLIFIED_ONLY.includes(c)))];
    expect(left).toEqual([]);
  });

  it('links each variant to the other', () => {
    expect(hans.querySelector('link[rel=alternate]')?.getAttribute('href')).toBe('zh-Hant/');
    expect(hant.querySelector('link[rel=alternate]')?.getAttribute('href')).toBe('../');
  });
});
