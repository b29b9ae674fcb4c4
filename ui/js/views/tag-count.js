// The figure beside a tag in the sidebar and the tag manager: the articles
// of its whole subtree, each once (what a search for the tag finds, as the
// engine counts them), with the tag's own count said where it differs.

import { h } from '../dom.js';
import { formatNumber } from '../format.js';
import { t } from '../i18n.js';

/** @param {number} n */
const articles = (n) => t('count.articles', { count: n });

/**
 * @param {{ count: number }|null} tag  The tag itself; null for a path-only parent.
 * @param {number} total  The subtree's articles, each once.
 * @param {{ showOwn?: boolean }} [options]  Show the own count as a second,
 *   bracketed figure (the manager); otherwise it is only in the tooltip.
 * @returns {HTMLElement[]}
 */
export function tagCountNodes(tag, total, { showOwn = false } = {}) {
  if (tag && tag.count === total) {
    return [h('span', { class: 'tag-count', 'aria-label': articles(total) }, formatNumber(total))];
  }
  const label = tag
    ? t('tagCount.withOwn', { total: articles(total), own: articles(tag.count) })
    : t('tagCount.below', { total: articles(total) });
  const figure = h('span', { class: 'tag-count', title: label, 'aria-label': label }, formatNumber(total));
  if (!showOwn || !tag) return [figure];
  return [figure, h('span', { class: 'tag-count tag-count-own', 'aria-hidden': 'true', title: label }, `(${formatNumber(tag.count)})`)];
}
