import type { TaskCategory, TaskComplexity } from '../spec/request-profile.js';

/** One keyword rule of the task classifier. */
export type TaskRule = {
  /** Stable name, used in tests and docs. */
  readonly name: string;
  readonly category: TaskCategory;
  readonly complexity: TaskComplexity;
  /**
   * Output tokens expected when the request sets no cap. With `scalesWithInput` this is a floor
   * and the estimate is the size of the last user message (a translation or a rewrite is about as
   * long as its input).
   */
  readonly expectedOutputTokens: number;
  readonly scalesWithInput?: boolean;
  /**
   * Lower-case words that trigger the rule. A keyword of six letters or more is a stem: it
   * triggers on every word sharing its first six letters (`summarize` → summary, summaries…).
   */
  readonly keywords: readonly string[];
  /** Characters (not letters) that trigger the rule, e.g. the backtick of a code fence. */
  readonly symbols?: string;
  /**
   * Checked where a keyword or symbol starts (flags `iy`: case-insensitive, sticky). It confirms
   * the exact word or phrase and may look behind for the words before it. No capture groups.
   */
  readonly pattern: RegExp;
};

/**
 * The classifier's rules, in priority order: when several match, the first listed wins.
 * Explicitly demanding work (proofs, architecture, in-depth analysis) comes first, then the
 * simple, well-bounded tasks local models do well, then the broad code and math detectors, then
 * small talk and creative writing, then plain analysis.
 *
 * @example
 * ```ts
 * taskRules.map((rule) => rule.name); // ['prove', 'architecture', 'analyze-in-depth', …]
 * ```
 */
export const taskRules: readonly TaskRule[] = [
  {
    name: 'prove',
    category: 'prove',
    complexity: 'complex',
    expectedOutputTokens: 1000,
    keywords: [
      'prove',
      'proving',
      'proof',
      'proofs',
      'theorem',
      'lemma',
      'lemmas',
      'corollary',
      'rigorous',
      'induction',
    ],
    pattern:
      /(?:prove(?=\s*:|\s+(?:that|the|this|it|there|for|by|why|how|each|every|all|any|no)\b)|proving(?= that\b)|proofs?(?=\s*:|\s+(?:of|that|for|by)\b)(?! of concept)|theorems?|lemmas?|corollar(?:y|ies)|rigorous(?:ly)?|(?<=\bby )induction)\b/iy,
  },
  {
    name: 'architecture',
    category: 'architecture',
    complexity: 'complex',
    expectedOutputTokens: 1200,
    keywords: ['architecture', 'design', 'system', 'software', 'microservice'],
    pattern:
      /(?:(?<=\b(?:review|evaluate|critique|assess|improve) (?:this|the|my|our) (?:[\w-]+ )?)architecture|architect (?:a|an|the)|architecture review|design (?:a|an|the|our|my) (?:[\w-]+ ){0,3}(?:system|platform|architecture|infrastructure|backend)s?|system design|(?:software|system|microservices?) architecture)\b/iy,
  },
  {
    name: 'analyze-in-depth',
    category: 'analyze',
    complexity: 'complex',
    expectedOutputTokens: 900,
    keywords: ['analyze', 'analyse', 'depth', 'deep', 'thorough', 'comprehensive', 'critically', 'root'],
    pattern:
      /(?:analy[sz]e (?:[\w-]+ ){0,4}in (?:depth|detail)|(?<=\bin[- ])depth|deep[- ]dive|thorough(?:ly)? (?:analy[sz]e|analysis|evaluat\w*|review|assess\w*)|comprehensive (?:analysis|review|assessment|evaluation)|critically (?:analy[sz]e|evaluate|assess|examine)|root[- ]cause analysis)\b/iy,
  },
  {
    name: 'commit-message',
    category: 'code',
    complexity: 'simple',
    expectedOutputTokens: 60,
    keywords: ['commit'],
    pattern: /commit messages?\b/iy,
  },
  {
    name: 'regex',
    category: 'code',
    complexity: 'simple',
    expectedOutputTokens: 150,
    keywords: ['regex', 'regexes', 'regexp', 'regular'],
    pattern: /(?:regex(?:es|p)?|regular expressions?)\b/iy,
  },
  {
    name: 'translate',
    category: 'translate',
    complexity: 'simple',
    expectedOutputTokens: 64,
    scalesWithInput: true,
    keywords: [
      'translate',
      'english',
      'french',
      'spanish',
      'german',
      'italian',
      'portuguese',
      'dutch',
      'polish',
      'russian',
      'ukrainian',
      'turkish',
      'arabic',
      'hindi',
      'chinese',
      'japanese',
      'korean',
    ],
    pattern:
      /(?:translat(?:e|ed|es|ing|ion|ions)|(?<=\binto )(?:english|french|spanish|german|italian|portuguese|dutch|polish|russian|ukrainian|turkish|arabic|hindi|chinese|japanese|korean))\b/iy,
  },
  {
    name: 'summarize',
    category: 'summarize',
    complexity: 'simple',
    expectedOutputTokens: 300,
    keywords: ['summarize', 'tldr', 'tl', 'key', 'nutshell', 'recap', 'condense', 'gist'],
    pattern:
      /(?:summar(?:y|ies|i[sz]e|i[sz]ed|i[sz]es|i[sz]ing|i[sz]ation)|tl;?dr|key (?:points|takeaways)|(?<=\bin a )nutshell|recap|condense|(?<=\bthe )gist)\b/iy,
  },
  {
    name: 'classify',
    category: 'classify',
    complexity: 'simple',
    expectedOutputTokens: 16,
    keywords: [
      'classify',
      'categorize',
      'sentiment',
      'label',
      'spam',
      'positive',
      'negative',
      'toxic',
      'category',
      'class',
    ],
    pattern:
      /(?:classif(?:y|ies|ied|ying|ication)|categori[sz](?:e|es|ed|ing|ation)|sentiment|label (?:this|the|each|these|it)|(?<=\bis (?:this|it) )(?:spam|positive|negative|toxic)|(?<=\bwhich )(?:category|class|label))\b/iy,
  },
  {
    name: 'extract',
    category: 'extract',
    complexity: 'simple',
    expectedOutputTokens: 256,
    keywords: ['extract', 'pull', 'named', 'list', 'parse'],
    pattern:
      /(?:extract(?:s|ed|ing|ion)?|pull out|named entit(?:y|ies)|list (?:all|every) (?:the )?(?:names|dates|emails|entities|numbers|urls|addresses|people|companies)|parse (?:this|the|out))\b/iy,
  },
  {
    name: 'format',
    category: 'format',
    complexity: 'simple',
    expectedOutputTokens: 64,
    scalesWithInput: true,
    keywords: ['reformat', 'format', 'convert', 'json', 'csv', 'yaml', 'xml', 'markdown', 'table', 'turn'],
    pattern:
      /(?:reformat(?:ted|ting)?|(?<=\bre-)format(?:ted|ting)?|format (?:this|the|it|these|as|into)|convert(?:s|ed|ing)? (?:[\w-]+ ){0,3}(?:to|into)|(?<=\b(?:as|to|into|in) (?:a )?)(?:json|csv|yaml|xml|markdown|table)|turn (?:this|it) into)\b/iy,
  },
  {
    name: 'rewrite',
    category: 'rewrite',
    complexity: 'simple',
    expectedOutputTokens: 64,
    scalesWithInput: true,
    keywords: [
      'rewrite',
      'rephrase',
      'paraphrase',
      'reword',
      'proofread',
      'copyedit',
      'copy',
      'grammar',
      'spelling',
      'typos',
      'make',
      'polish',
      'revise',
      'rework',
      'edit',
      'modify',
      'alter',
    ],
    pattern:
      /(?:rewrit(?:e|es|ing|ten)|rephrase|paraphrase|reword|proofread|copy-?edit|(?<=\b(?:fix|correct) (?:the |my |any )?)(?:grammar|spelling|typos)|make (?:it|this) (?:shorter|longer|clearer|concise|more \w+|less \w+|sound \w+)|polish (?:this|my|the)|(?:revise|rework|edit|modify|alter) (?:the|this|your|my) (?:[\w-]+ ){0,2}(?:response|reply|answer|text|paragraph|sentence|email|essay|draft|following))\b/iy,
  },
  {
    name: 'code',
    category: 'code',
    complexity: 'unknown',
    expectedOutputTokens: 800,
    keywords: [
      'code',
      'codes',
      'coding',
      'function',
      'script',
      'scripts',
      'program',
      'implement',
      'refactor',
      'debug',
      'debugging',
      'bug',
      'bugs',
      'compile',
      'stack',
      'stacktrace',
      'python',
      'javascript',
      'typescript',
      'java',
      'golang',
      'kotlin',
      'sql',
      'bash',
      'html',
      'css',
      'node',
      'api',
      'apis',
      'algorithm',
      'unit',
      'c',
      'include',
      'console',
      'def',
    ],
    symbols: '`',
    pattern:
      /(?:```|(?<=#)include\b|console\.log|def \w+\(|(?:code|codes|coding|functions?|scripts?|program\w*|implement\w*|refactor\w*|debug\w*|bugs?|compil\w*|stack ?trace|python|javascript|typescript|java|golang|kotlin|sql|bash|html|css|node\.js|apis?|algorithms?|unit tests?|c\+\+|c#)(?![\w#+]))/iy,
  },
  {
    name: 'math',
    category: 'math',
    complexity: 'unknown',
    expectedOutputTokens: 400,
    keywords: [
      'solve',
      'solving',
      'equation',
      'integral',
      'derivative',
      'differentiate',
      'calculate',
      'compute',
      'probability',
      'many',
      'much',
      'percent',
      'sum',
      'polynomial',
      'matrix',
      'matrices',
      'eigen',
      'eigenvalue',
      'arithmetic',
      'algebra',
      'geometry',
      'calculus',
      'statistics',
      'find',
      'area',
      'remainder',
      'integer',
      'integers',
      'prime',
      'primes',
      'derivation',
    ],
    symbols: '=+*/^×÷$%\\',
    pattern:
      /(?:(?<=\d ?)[+*/^×÷=] ?\d|\$\d|(?<=\d)%|(?:solve|solving|equations?|integrals?|integrate|derivatives?|differentiate|calculate|calculation|compute|probability|(?<=\bhow )(?:many|much)|percent(?:age)?|sum of|polynomials?|matrix|matrices|eigen\w*|arithmetic|algebra|geometry|calculus|statistics|find (?:all|the (?:value|values|area|sum|number|roots?|solutions?|limit|derivative|integral|probability)|x\b)|(?<=\bthe )(?:area|remainder)|(?:positive |negative )?integers?|primes?|derivation)\b|\\(?:frac|sum|int|sqrt|lim|cdot|times|infty|pi|alpha|beta|theta)\b)/iy,
  },
  {
    name: 'small-talk',
    category: 'chat',
    complexity: 'simple',
    expectedOutputTokens: 250,
    keywords: ['hi', 'hello', 'hey', 'good', 'thanks', 'thank', 'you', 'joke', 'name'],
    pattern:
      /(?:(?<=^\s*)(?:hi|hello|hey|good (?:morning|afternoon|evening)|thanks|thank you)|(?<=\b(?:how|who) are )you|(?<=\btell me a )joke|(?<=\bwhat(?:'s| is) your )name)\b/iy,
  },
  {
    name: 'creative-writing',
    category: 'chat',
    complexity: 'unknown',
    expectedOutputTokens: 700,
    keywords: [
      'story',
      'stories',
      'poem',
      'poems',
      'song',
      'songs',
      'lyrics',
      'essay',
      'essays',
      'haiku',
      'limerick',
      'sonnet',
      'letter',
      'email',
      'speech',
      'blog',
      'article',
      'scene',
      'dialogue',
      'rap',
      'verse',
      'verses',
      'novel',
      'chapter',
      'screenplay',
      'fan',
      'pretend',
      'role',
      'roleplay',
      'imagine',
      'picture',
    ],
    pattern:
      /(?:(?<=\b(?:write|compose|draft) (?:me )?(?:a|an|the|some) (?:[\w-]+ ){0,3})(?:story|stories|poems?|songs?|lyrics|essays?|haikus?|limericks?|letters?|emails?|speech|blog posts?|articles?|scenes?|dialogues?|novels?|chapters?|raps?|verses?|fan fiction|screenplay)|(?<=\bshort )stor(?:y|ies)|poems?|haikus?|limericks?|sonnets?|screenplay|pretend (?:to be|you are|yourself)|role-?play|(?<=\b(?:the|a) )role of|imagine (?:you are|yourself)|picture yourself)\b/iy,
  },
  {
    name: 'analyze',
    category: 'analyze',
    complexity: 'unknown',
    expectedOutputTokens: 700,
    keywords: [
      'analyze',
      'analyse',
      'analysis',
      'evaluate',
      'assess',
      'compare',
      'contrast',
      'critique',
      'explain',
    ],
    pattern: /(?:analy[sz](?:e|es|is|ing)|evaluate|assess|compare|contrast|critique|explain why)\b/iy,
  },
];

/** Applied when the prompt is at least the long-document threshold and no complex rule matched. */
export const longDocumentRule = {
  name: 'long-document',
  category: 'long-document',
  complexity: 'complex',
  expectedOutputTokens: 600,
} as const satisfies Omit<TaskRule, 'keywords' | 'pattern'>;

/** Applied when no rule matches. */
export const unknownTaskRule = {
  name: 'unknown',
  category: 'unknown',
  complexity: 'unknown',
  expectedOutputTokens: 500,
} as const satisfies Omit<TaskRule, 'keywords' | 'pattern'>;
