// DRL (Drools rule language) for CodeMirror: a small stream tokenizer, enough to colour what an analyst reads —
// keywords, rule names and other strings, numbers, comments, $bindings and the attributes of a rule.
import {StreamLanguage} from '@codemirror/language';

const keywords = new Set(('package import global function rule query declare end when then extends ' +
  'not exists forall accumulate collect from eval over entry-point init action reverse result ' +
  'and or in matches memberOf contains soundslike str true false null new return if else for ' +
  'modify insert insertLogical retract delete update drools kcontext').split(' '));
const attributes = new Set(('salience agenda-group activation-group ruleflow-group no-loop lock-on-active ' +
  'dialect date-effective date-expires enabled duration timer calendars auto-focus').split(' '));

export const drl = StreamLanguage.define({
  name: 'drl',
  startState: () => ({inComment: false}),
  token(stream, state) {
    if (state.inComment) {
      if (stream.skipTo('*/')) { stream.next(); stream.next(); state.inComment = false; } else stream.skipToEnd();
      return 'comment';
    }
    if (stream.eatSpace()) return null;
    if (stream.match('//') || (stream.sol() && stream.match('#'))) { stream.skipToEnd(); return 'comment'; }
    if (stream.match('/*')) { state.inComment = true; return 'comment'; }
    const ch = stream.peek();
    if (ch === '"' || ch === "'") {
      stream.next();
      let escaped = false, c;
      while ((c = stream.next()) != null) {
        if (c === ch && !escaped) break;
        escaped = !escaped && c === '\\';
      }
      return 'string';
    }
    if (stream.match(/^-?\d+(\.\d+)?[BbIiLlDdFf]?/)) return 'number';
    if (stream.match(/^\$[\w\u4e00-\u9fff]+/)) return 'variableName.special';
    if (stream.match(/^[A-Za-z_][\w-]*/)) {
      const w = stream.current();
      if (keywords.has(w)) return 'keyword';
      if (attributes.has(w)) return 'keyword';
      if (/^[A-Z]/.test(w)) return 'typeName';
      // a word with a hyphen is only an attribute; otherwise give the hyphen back
      if (w.includes('-')) { stream.backUp(w.length - w.indexOf('-')); }
      return 'variableName';
    }
    if (stream.match(/^(==|!=|>=|<=|&&|\|\||->|[<>=!+\-*\/%:,;.()\[\]{}])/)) return 'operator';
    stream.next();
    return null;
  },
  languageData: {commentTokens: {line: '//', block: {open: '/*', close: '*/'}}},
});
