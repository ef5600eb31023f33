// What a core says to a person, as data: a code of the message catalog
// (src/lib/i18n) and the values its text needs. The cores never write prose;
// the UI and the CLIs turn a message into zh or en text.

/** Values a message text can hold. */
export type MessageValue = string | number;

/** One message of a `code → params` map: `{ code, params }` with the params that code needs. */
export type MessageOf<Map> = { [C in keyof Map & string]: { code: C; params: Map[C] } }[keyof Map & string];
