// The .policy language. A file is either a JSON object (a canonical or PolicyLayer document, taken
// as it is) or a sequence of statements that lower to one.
parser grammar PolicyParser;

options { tokenVocab = PolicyLexer; }

document
    : jsonObject EOF                                        # jsonDocument
    | statement* EOF                                        # dslDocument
    ;

statement
    : POLICY text                                           # policyStatement
    | DESCRIPTION STRING                                    # descriptionStatement
    | DEFAULT posture=(ALLOW | DENY)                        # defaultStatement
    | HIDE toolKey (COMMA toolKey)*                         # hideStatement
    | INCLUDE STRING                                        # includeStatement
    | COUNTER text ASSIGN counterDefinition                 # counterStatement
    | TOOL toolKey (COMMA toolKey)* entryBody               # toolStatement
    | ALL TOOLS entryBody                                   # allToolsStatement
    ;

counterDefinition
    : limitSpec
    | jsonObject
    ;

// Statements, or the members of a JSON object (the entry written as JSON). The first token after
// '{' decides, so a mistake there is reported with what a statement could have been.
entryBody
    : LBRACE (entryStatement* | jsonMember (COMMA jsonMember)*) RBRACE
    ;

// Each alternative starts with its own keyword, so errors after the keyword say what was expected there.
entryStatement
    : ALLOW STRING?                                         # allowStatement
    | DENY (IF condition | STRING)?                         # denyStatement
    | REQUIRE (APPROVAL STRING? | condition (ELSE STRING)?) # requireStatement
    | LIMIT limitReference                                  # limitStatement
    | RULE ruleDefinition                                   # ruleStatement
    ;

// A rule's clauses come in this order; a `limit` right after a rule belongs to the rule.
ruleDefinition
    : text ruleAction? (LIMIT limitReference)* (ELSE STRING)?   # readableRule
    | jsonObject                                                 # jsonRule
    ;

ruleAction
    : DENY STRING?                                          # denyRuleAction
    | REQUIRE (APPROVAL (WHEN condition)? | condition)      # requireRuleAction
    ;

limitReference
    : limitSpec                                             # anonymousLimit
    | text (ASSIGN limitSpec)?                              # namedLimit
    | jsonObject                                            # jsonLimit
    ;

limitSpec
    : max=NUMBER PER window limitOption*
    ;

window
    : SECOND | MINUTE | HOUR | DAY | DURATION
    ;

limitOption
    : PER (scope=(GRANT | SESSION | AGENT | GLOBAL) | argsPath)  # perOption
    | GLOBALLY                                              # globallyOption
    | algorithm=(FIXED | SLIDING)                           # algorithmOption
    | TOKEN BUCKET                                          # tokenBucketOption
    | INCREMENT BY? (amount=NUMBER | argsPath)              # incrementOption
    ;

// `not` binds tighter than `and`, which binds tighter than `or`.
condition
    : NOT condition                                         # notCondition
    | condition AND condition                               # andCondition
    | condition OR condition                                # orCondition
    | LPAREN condition RPAREN                               # parenCondition
    | path test                                             # pathCondition
    | jsonObject                                            # jsonCondition
    ;

// What is asked of the argument at a path.
test
    : op=(EQ | NEQ | LT | LTE | GT | GTE) jsonValue         # comparison
    | NOT? IN jsonValue                                     # membership
    | op=(MATCHES | STARTS_WITH | ENDS_WITH | CONTAINS) jsonValue  # textTest
    | NOT? EXISTS                                           # existence
    ;

// args.<name>... or, in conditions, Intercept's state.<tool>.<counter>
path
    : head=(ARGS | STATE) (DOT segment)+
    ;

argsPath
    : head=ARGS (DOT segment)+
    ;

segment
    : word | STRING | NUMBER | DURATION
    ;

// A tool name, a pattern with '*', or a quoted name; dotted names are allowed.
toolKey
    : STRING
    | toolWord (DOT toolWord)*
    ;

toolWord
    : word | GLOB | NUMBER | DURATION
    ;

// A name the user chose: a quoted string or a (dotted) word.
text
    : STRING
    | word (DOT word)*
    ;

word
    : NAME | keyword
    ;

keyword
    : POLICY | DESCRIPTION | DEFAULT | HIDE | INCLUDE | COUNTER | TOOL | ALL | TOOLS | ALLOW | DENY
    | REQUIRE | APPROVAL | IF | WHEN | ELSE | LIMIT | RULE | PER | GRANT | SESSION | AGENT | GLOBAL
    | GLOBALLY | SECOND | MINUTE | HOUR | DAY | FIXED | SLIDING | TOKEN | BUCKET | INCREMENT | BY
    | AND | OR | NOT | IN | MATCHES | STARTS_WITH | ENDS_WITH | CONTAINS | EXISTS | ARGS | STATE
    | TRUE | FALSE | NULL
    ;

jsonObject
    : LBRACE (jsonMember (COMMA jsonMember)*)? RBRACE
    ;

jsonMember
    : STRING COLON jsonValue
    ;

jsonArray
    : LBRACK (jsonValue (COMMA jsonValue)*)? RBRACK
    ;

jsonValue
    : STRING | NUMBER | TRUE | FALSE | NULL | jsonObject | jsonArray
    ;
