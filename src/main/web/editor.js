// The workbench's code editor: CodeMirror 6 with DRL highlighting, line numbers, search, undo, and the compile
// problems of a save shown at their lines. The page calls JixiaoEditor.create(...) (see Workbench.java).
import {EditorState} from '@codemirror/state';
import {EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection} from '@codemirror/view';
import {defaultKeymap, history, historyKeymap, indentWithTab} from '@codemirror/commands';
import {syntaxHighlighting, defaultHighlightStyle, bracketMatching, indentOnInput} from '@codemirror/language';
import {searchKeymap, highlightSelectionMatches} from '@codemirror/search';
import {setDiagnostics, lintGutter} from '@codemirror/lint';
import {drl} from './drl.js';

/**
 * @param parent the element to put the editor in
 * @param text the file's text
 * @param options {readOnly, onSave: () => void, label}
 */
export function create(parent, text, options = {}) {
  const save = () => { if (options.onSave) options.onSave(); return true; };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), history(), drawSelection(), indentOnInput(),
        bracketMatching(), highlightActiveLine(), highlightSelectionMatches(), lintGutter(),
        syntaxHighlighting(defaultHighlightStyle, {fallback: true}), drl,
        keymap.of([{key: 'Mod-s', run: save, preventDefault: true}, indentWithTab,
          ...defaultKeymap, ...historyKeymap, ...searchKeymap]),
        EditorState.readOnly.of(!!options.readOnly),
        // the search panel, the go-to-line box and the problems list in Chinese, as the rest of the workbench
        EditorState.phrases.of({
          'Find': '查找', 'Replace': '替换为', 'next': '下一个', 'previous': '上一个', 'all': '全部',
          'match case': '区分大小写', 'regexp': '正则表达式', 'by word': '全词', 'replace': '替换',
          'replace all': '全部替换', 'close': '关闭', 'current match': '当前匹配', 'on line': '在第',
          'Go to line': '转到行', 'go': '转到', 'Diagnostics': '问题', 'No diagnostics': '没有问题',
          'Folded lines': '折叠的行', 'Unfolded lines': '展开的行', 'to': '至', 'folded code': '折叠的代码',
          'unfold': '展开', 'Selection deleted': '已删除所选',
        }),
        EditorView.contentAttributes.of({'aria-label': options.label || '文件内容'}),
        EditorView.theme({'&': {fontSize: '13px', border: '1px solid #ccc'}, '.cm-scroller': {fontFamily: 'monospace'},
          '&.cm-focused': {outline: '3px solid #f90'}}),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText(t) { view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: t}}); },
    /** problems: [{line, message}] — shown under their lines and in the gutter; [] clears them */
    problems(list) {
      const doc = view.state.doc;
      const diagnostics = list.filter(p => p.line > 0 && p.line <= doc.lines).map(p => {
        const line = doc.line(p.line);
        return {from: line.from, to: line.to, severity: 'error', message: p.message};
      });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    goto(n) {
      const doc = view.state.doc;
      const line = doc.line(Math.max(1, Math.min(n, doc.lines)));
      view.dispatch({selection: {anchor: line.from}, effects: EditorView.scrollIntoView(line.from, {y: 'center'})});
      view.focus();
    },
  };
}

export {table} from './table.js';
