// The tokens of the .policy language. Every JSON document tokenizes here too (strings, numbers,
// true/false/null and punctuation), which is what makes the language a superset of JSON.
lexer grammar PolicyLexer;

// --- keywords (soft: the parser accepts them as names wherever a name is expected) ---
POLICY      : 'policy' ;
DESCRIPTION : 'description' ;
DEFAULT     : 'default' ;
HIDE        : 'hide' ;
INCLUDE     : 'include' ;
COUNTER     : 'counter' ;
TOOL        : 'tool' ;
ALL         : 'all' ;
TOOLS       : 'tools' ;
ALLOW       : 'allow' ;
DENY        : 'deny' ;
REQUIRE     : 'require' ;
APPROVAL    : 'approval' ;
IF          : 'if' ;
WHEN        : 'when' ;
ELSE        : 'else' ;
LIMIT       : 'limit' ;
RULE        : 'rule' ;
PER         : 'per' ;
GRANT       : 'grant' ;
SESSION     : 'session' ;
AGENT       : 'agent' ;
GLOBAL      : 'global' ;
GLOBALLY    : 'globally' ;
SECOND      : 'second' ;
MINUTE      : 'minute' ;
HOUR        : 'hour' ;
DAY         : 'day' ;
FIXED       : 'fixed' ;
SLIDING     : 'sliding' ;
TOKEN       : 'token' ;
BUCKET      : 'bucket' ;
INCREMENT   : 'increment' ;
BY          : 'by' ;
AND         : 'and' ;
OR          : 'or' ;
NOT         : 'not' ;
IN          : 'in' ;
MATCHES     : 'matches' ;
STARTS_WITH : 'startsWith' ;
ENDS_WITH   : 'endsWith' ;
CONTAINS    : 'contains' ;
EXISTS      : 'exists' ;
ARGS        : 'args' ;
STATE       : 'state' ;
TRUE        : 'true' ;
FALSE       : 'false' ;
NULL        : 'null' ;

// --- operators and punctuation ---
EQ       : '==' ;
NEQ      : '!=' ;
LTE      : '<=' ;
GTE      : '>=' ;
LT       : '<' ;
GT       : '>' ;
ASSIGN   : '=' ;
LBRACE   : '{' ;
RBRACE   : '}' ;
LBRACK   : '[' ;
RBRACK   : ']' ;
LPAREN   : '(' ;
RPAREN   : ')' ;
COMMA    : ',' ;
COLON    : ':' ;
DOT      : '.' ;

// --- literals ---
// 90s, 5m, 1h, 1d, 1h30m: a window length. Longer than the NUMBER it starts with, so it wins.
DURATION : ([0-9]+ [smhd])+ ;
// JSON's number syntax, exactly.
NUMBER   : '-'? ('0' | [1-9] [0-9]*) ('.' [0-9]+)? ([eE] [+-]? [0-9]+)? ;
// Escapes are checked when the string is read, so a bad escape is reported where it is.
STRING   : '"' ('\\' ~[\r\n] | ~["\\\r\n])* '"' ;
// A string that reaches the end of the line: reported as such instead of as stray characters.
UNTERMINATED_STRING : '"' ('\\' ~[\r\n] | ~["\\\r\n])* ;
// A tool pattern: a name with at least one '*' (list_*, *_admin, *).
GLOB     : [A-Za-z0-9_-]* '*' [A-Za-z0-9_*-]* ;
NAME     : [A-Za-z_] [A-Za-z0-9_-]* ;

// --- skipped ---
HASH_COMMENT  : '#' ~[\r\n]* -> channel(HIDDEN) ;
LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
WS            : [ \t\r\n\f\uFEFF]+ -> channel(HIDDEN) ;

// Anything else becomes a token of its own, so the parser reports it in words and recovers.
UNEXPECTED_CHAR : . ;
