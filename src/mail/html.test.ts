import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from './html.js';

describe('htmlToText', () => {
  it('drops head, script, style and comments', () => {
    expect(
      htmlToText(
        '<html><head><title>T</title><style>p{}</style></head><body><!-- hidden -->' +
          '<script>var x = "<p>";</script>Visible</body></html>',
      ),
    ).toBe('Visible');
  });

  it('puts block elements on their own lines and list items after "- "', () => {
    expect(htmlToText('<h1>Title</h1><p>One<br>Two</p><div>Three</div><ul><li>a</li><li>b</li></ul>')).toBe(
      'Title\n\nOne\nTwo\n\nThree\n\n- a\n- b',
    );
  });

  it('keeps the text of links and table cells apart', () => {
    expect(
      htmlToText(
        '<table><tr><td>Name</td><td>Price</td></tr><tr><td><a href="x">Tea</a></td><td>3</td></tr></table>',
      ),
    ).toBe('Name Price\nTea 3');
  });

  it('collapses source whitespace but keeps the lines of <pre>', () => {
    expect(htmlToText('<p>a\n   b\t\tc</p><pre>line 1\nline 2</pre>')).toBe('a b c\n\nline 1\nline 2');
  });

  it('allows at most one blank line in a row', () => {
    expect(htmlToText('<p>a</p><p></p><p></p><br><br><br><p>b</p>')).toBe('a\n\nb');
  });

  it('decodes entities after removing tags, so escaped markup stays text', () => {
    expect(htmlToText('&lt;b&gt;bold&lt;/b&gt; &amp;&nbsp;more')).toBe('<b>bold</b> & more');
  });

  it('never throws on broken markup', () => {
    expect(htmlToText('<p unclosed <b>text</i></div> <script>never closed')).toBe('text\nnever closed');
    expect(htmlToText('')).toBe('');
  });
});

describe('decodeEntities', () => {
  it('decodes numeric references, with the C1 range read as windows-1252', () => {
    expect(decodeEntities('&#233;&#xE9;&#X1F600;&#146;&#0;')).toBe('éé😀’\ufffd');
  });

  it('decodes the common named entities and leaves unknown ones alone', () => {
    expect(
      decodeEntities(
        '&nbsp;&amp;&lt;&gt;&quot;&apos;&copy;&reg;&euro;&pound;&hellip;&mdash;&ndash;&lsquo;' +
          '&rsquo;&ldquo;&rdquo;&trade;&bull;&middot;&laquo;&raquo;&eacute;&Uuml;&szlig;&bogus;',
      ),
    ).toBe(' &<>"\'©®€£…—–‘’“”™•·«»éÜß&bogus;');
  });
});
