// The desk components rendered on the server (svelte/server) from real state:
// what a desk reads for each link status, who is where, the badges, and the
// versions list. Clicks are the e2e's (tests/e2e/desks.spec.ts).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { EditionDocument, REFUSED_REASON, VersionStore, openLibraryDB } from '../../src/lib/document';
import { NewsroomLink, deskColor, type DeskPresence } from '../../src/lib/state/desk.svelte';
import { VersionHistory } from '../../src/lib/state/versions.svelte';
import type { Edition } from '../../src/lib/model/edition';
import DeskStatus from '../../src/components/desk/DeskStatus.svelte';
import PresenceBar from '../../src/components/desk/PresenceBar.svelte';
import PresenceBadge from '../../src/components/desk/PresenceBadge.svelte';
import VersionsPanel from '../../src/components/desk/VersionsPanel.svelte';
import ServerSettings from '../../src/components/desk/ServerSettings.svelte';
import { GRID as grid } from './edition-fixtures';

const edition: Edition = {
  id: 'ed-c',
  title: '日报',
  date: '2022-01-08',
  issueNumber: 1,
  language: 'zh',
  pages: [{ id: 'p1', number: 1, grid, placements: [] }, { id: 'p2', number: 2, grid, placements: [] }],
  stories: [
    {
      id: 'a',
      slug: 'a',
      doc: { type: 'doc', content: [{ type: 'headline', content: [{ type: 'text', text: '春运开始' }] }, { type: 'paragraph', content: [{ type: 'text', text: '正文' }] }] },
      meta: { section: '', priority: 1, status: 'raw', tags: [] },
      raw: '',
    },
  ],
  revision: 0,
  updatedAt: 0,
};

const text = (html: string) => html.replace(/<!--[^]*?-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const links: NewsroomLink[] = [];
afterEach(() => {
  for (const l of links.splice(0)) l.dispose();
});

/** A link with no server (so no socket), put into the state a test wants to draw. */
function link(state: Partial<Pick<NewsroomLink, 'status' | 'refusedReason' | 'unsynced' | 'others'>>): NewsroomLink {
  const l = new NewsroomLink({ document: EditionDocument.fromEdition(edition), editionId: 'ed-c', author: '王芳' });
  links.push(l);
  Object.assign(l, state);
  return l;
}

const anna: DeskPresence = { clientId: 7, name: 'Anna', color: deskColor('Anna'), storyId: 'a', pageId: null };
const li: DeskPresence = { clientId: 9, name: '李明', color: deskColor('李明'), storyId: null, pageId: 'p2' };

describe('desk components', () => {
  it('says what the link is doing, in the catalog words of either language', () => {
    expect(text(render(DeskStatus, { props: { link: link({}), lang: 'zh' } }).body)).toBe('');
    expect(text(render(DeskStatus, { props: { link: link({ status: 'synced' }), lang: 'zh' } }).body)).toContain('已与编辑部同步');
    expect(text(render(DeskStatus, { props: { link: link({ status: 'synced', unsynced: 3 }), lang: 'en' } }).body)).toContain('3 changes not yet sent');
    expect(text(render(DeskStatus, { props: { link: link({ status: 'offline' }), lang: 'en' } }).body)).toContain('Offline: changes are kept on this computer');
    const refused = render(DeskStatus, { props: { link: link({ status: 'refused', refusedReason: REFUSED_REASON }), lang: 'zh' } }).body;
    expect(refused).toContain('role="alert"');
    expect(text(refused)).toContain('口令错误或缺失');
    expect(text(refused)).toContain('用此口令连接');
    const waiting = link({ status: 'needs-token' });
    waiting.serverUrl = 'wss://news.example/galley';
    expect(text(render(DeskStatus, { props: { link: waiting, lang: 'zh' } }).body)).toContain('本期使用编辑部服务器 wss://news.example/galley。输入口令后才会连接。');
    // A reason this build does not know is shown as the server gave it.
    expect(text(render(DeskStatus, { props: { link: link({ status: 'refused', refusedReason: 'maintenance' }), lang: 'en' } }).body)).toContain('refused this desk: maintenance');
  });

  it('lists who is in which story and on which page', () => {
    const html = render(PresenceBar, { props: { link: link({ status: 'synced', others: [anna, li] }), edition, lang: 'zh' } }).body;
    expect(text(html)).toContain('Anna：编辑《春运开始》');
    expect(text(html)).toContain('李明：第 2 版');
    expect(html).toContain(deskColor('Anna'));
    expect(text(render(PresenceBar, { props: { link: link({ status: 'synced' }), edition, lang: 'en' } }).body)).toBe('No other desk is on this edition');
    // Working alone (no server): no bar at all.
    expect(text(render(PresenceBar, { props: { link: link({}), edition, lang: 'en' } }).body)).toBe('');
  });

  it('badges a row with the initials of the desks there, and nothing when nobody is', () => {
    const html = render(PresenceBadge, { props: { desks: [anna, li], lang: 'zh' } }).body;
    expect(html).toContain('aria-label="Anna、李明 正在此处"');
    expect(text(html)).toBe('A 李');
    expect(text(render(PresenceBadge, { props: { desks: [], lang: 'zh' } }).body)).toBe('');
  });

  it('offers the server address and token, and leaving the server only when on one', () => {
    const alone = text(render(ServerSettings, { props: { link: link({}), lang: 'zh' } }).body);
    expect(alone).toContain('服务器地址');
    expect(alone).toContain('服务器口令');
    expect(alone).toContain('口令只保存在本浏览器');
    expect(alone).not.toContain('不再使用服务器');
    const on = link({ status: 'synced' });
    on.serverUrl = 'wss://news.example/galley';
    expect(text(render(ServerSettings, { props: { link: on, lang: 'en' } }).body)).toContain('Stop using the server');
    // On a server: the link colleagues open to join, with the address and the edition, never the token.
    const html = render(ServerSettings, { props: { link: on, lang: 'zh', pageAddress: 'https://galley.example/' } }).body;
    expect(text(html)).toContain('请同事打开此链接加入本期');
    expect(html).toContain('https://galley.example/?server=wss%3A%2F%2Fnews.example%2Fgalley&amp;edition=ed-c');
    expect(text(render(ServerSettings, { props: { link: link({}), lang: 'zh', pageAddress: 'https://galley.example/' } }).body)).not.toContain('请同事打开此链接');
  });

  it('lists versions by name or reason, time and author', async () => {
    globalThis.indexedDB = new IDBFactory();
    const db = await openLibraryDB();
    let clock = Date.UTC(2026, 10, 29, 8, 0);
    const history = new VersionHistory({ document: EditionDocument.fromEdition(edition), store: new VersionStore(db), author: '王芳', now: () => clock });
    expect(text(render(VersionsPanel, { props: { history, lang: 'zh' } }).body)).toContain('还没有版本');
    await history.before('auto-layout');
    clock += 60_000;
    await history.saveNamed('付印前');
    const shown = text(render(VersionsPanel, { props: { history, lang: 'zh' } }).body);
    expect(shown).toMatch(/付印前 .*王芳.*自动排版前 .*王芳/);
    history.dispose();
    db.close();
  });
});
