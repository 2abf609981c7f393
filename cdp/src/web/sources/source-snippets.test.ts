import { describe, expect, it } from 'vitest';
import { sourceSnippets } from './source-snippets.ts';

describe('sourceSnippets', () => {
  it('points analytics.js, analytics-node and curl at the suite with the write key', () => {
    const [browser, node, http] = sourceSnippets('KEY_abc-123', 'https://suite.example.com');
    expect(browser!.code).toContain("{ writeKey: 'KEY_abc-123', cdnURL: 'https://suite.example.com' }");
    expect(browser!.code).toContain(
      "{ 'Segment.io': { apiHost: 'suite.example.com/v1', protocol: 'https' } }",
    );
    expect(node!.code).toContain(
      "new Analytics({ writeKey: 'KEY_abc-123', host: 'https://suite.example.com' })",
    );
    expect(http!.code).toContain("curl https://suite.example.com/v1/track \\\n  -u 'KEY_abc-123:'");
  });

  it('escapes quotes in what it quotes', () => {
    const [, node] = sourceSnippets("it's", 'https://suite.example.com');
    expect(node!.code).toContain("writeKey: 'it\\'s'");
  });

  it('keeps the port and uses plain http for a local suite', () => {
    const [browser, node] = sourceSnippets('k', 'http://localhost:3000');
    expect(browser!.code).toContain("apiHost: 'localhost:3000/v1', protocol: 'http'");
    expect(node!.code).toContain("host: 'http://localhost:3000'");
  });
});
