// Column tags (栏目) closing a title line: shared by the segmenter, which opens a story at one,
// and the story, which takes it out of the headline.

/**
 * A column tag closing a title line: "只要有信心 黄土变成金（今日谈）", "古村希望(寻找最美乡村)",
 * "群众烦心事，就是要紧事（守初心 担使命…·整改落实）". The bracket stands at the end, after
 * the title's own words, and holds no bracket of its own; a line that is all bracket
 * ("（二〇二〇年一月二十三日）") is a title part, not a tag, and so is "讨论《…（征求意见稿）》",
 * whose bracket sits inside the book-title marks.
 */
export const COLUMN_TAG = /^(.*[^\s（(])\s*([（(][^（）()]{2,60}[）)])\s*$/;
/** Not a column: a date or a figure in brackets ("（2020年）", "（1）"). */
export const NOT_COLUMN = /^[（(][\d〇零一二三四五六七八九十年月日.\s-]+[）)]$/;

/** Whether a line closes with a column tag (see COLUMN_TAG): a headline line, never a subhead. */
export function endsInColumnTag(text: string): boolean {
  const m = COLUMN_TAG.exec(text);
  return !!m && !NOT_COLUMN.test(m[2]) && m[1].trim().length >= 2;
}
