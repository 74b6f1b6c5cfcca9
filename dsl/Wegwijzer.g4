// The wegwijzer rule language. See docs/language.md for the meaning of every construct.
// Only the grammar lives here: the parser is generated at build time (CMake), never committed.
grammar Wegwijzer;

// Made by no lexer rule: a file with Dutch keywords (docs/language.md#dutch-keywords) is lexed
// as every file is, and its words are then given the types of the English keywords
// (compiler/parse/keywords.cpp). `per` is the one Dutch keyword that stands for two English
// ones (`as of`), so it has a type of its own.
tokens { PER }

file
    : header item* EOF
    ;

header
    : MODULE name=ID title=STRING? (EXTENDS base=ID)? validity?      # moduleHeader
    | RULESET name=ID title=STRING? (EXTENDS base=ID)? validity?     # rulesetHeader
    ;

item
    : sourceDecl
    | questionDecl
    | parameterDecl
    | setDecl
    | obligationDecl
    | flagDecl
    | defineDecl
    | decisionDecl
    | ruleDecl
    | assumeDecl
    | propertyDecl
    | testDecl
    ;

sourceDecl     : OVERRIDE? SOURCE name=ID text=STRING validity? ;
questionDecl   : OVERRIDE? QUESTION name=ID text=STRING answerType validity? (ASKED WHEN cond=expr)? (HELP help=STRING)? ;
parameterDecl  : PARAMETER name=ID text=STRING answerType ;
setDecl        : SET name=ID ASSIGN value citation* ;
obligationDecl : OVERRIDE? OBLIGATION name=ID text=STRING validity? ;
flagDecl       : FLAG name=ID text=STRING validity? ;
defineDecl     : OVERRIDE? DEFINE name=ID text=STRING? validity? ASSIGN cond=expr ;
decisionDecl   : EXTEND? DECISION name=ID text=STRING? LBRACE outcomeDecl* RBRACE ;
outcomeDecl    : OUTCOME name=ID text=STRING outcomeAttr* ;
ruleDecl       : OVERRIDE? RULE name=ID (EXCEPTION TO idList)? WHEN cond=expr THEN outcome=ID ruleAttr* ;
assumeDecl     : ASSUME text=STRING? validity? COLON? cond=expr ;
propertyDecl   : PROPERTY name=ID? text=STRING validity? COLON propertyBody ;
testDecl       : TEST text=STRING ((AS OF | PER) asOf=DATE)? LBRACE GIVEN givenList? expectClause+ RBRACE ;

// `valid from 2015-01-01`, `valid until 2015-01-01`, `valid from 2015-01-01 until 2018-05-25`
validity
    : VALID FROM from=DATE (UNTIL until=DATE)?
    | VALID UNTIL until=DATE
    ;

answerType
    : YESNO                                              # yesNoType
    | ONE OF LBRACE answerDecl* RBRACE                   # oneOfType
    | lo=signedInt RANGE hi=signedInt                    # rangeType
    ;
// `veilig_thuis "Veilig Thuis" replaces amk, steunpunt "Samen Veilig Thuis geworden"`: the
// answers of an earlier period of the question that this answer takes the place of.
answerDecl : name=ID label=STRING? validity? replacesClause? ;
replacesClause : REPLACES idList reason=STRING? ;

outcomeAttr
    : citation                                           # outcomeCite
    | OBLIGES idList                                     # outcomeObliges
    | DISCLOSES                                          # outcomeDiscloses
    | WITHOUT CONSENT                                    # outcomeWithoutConsent
    | IS idList                                          # outcomeFlags
    | validity                                           # outcomeValidity
    ;
ruleAttr
    : citation                                           # ruleCite
    | OBLIGES idList                                     # ruleObliges
    | validity                                           # ruleValidity
    ;
citation : CITE source=ID locator=STRING? ;

propertyBody
    : decision=ID DOES NOT DEPEND ON idList (WHERE cond=expr)?   # independenceProperty
    | cond=expr                                                  # conditionProperty
    ;

givenList   : given (COMMA given)* COMMA? ;
given       : name=ID ASSIGN value ;
expectClause: EXPECT outcome=ID (OBLIGES idList)? ;

idList : ID (COMMA ID)* ;

expr
    : NOT expr                                           # notExpr
    | expr AND expr                                      # andExpr
    | expr OR expr                                       # orExpr
    | <assoc=right> expr IMPLIES expr                    # impliesExpr
    | primary                                            # primaryExpr
    ;

primary
    : LPAREN expr RPAREN                                 # parenExpr
    | lhs=ID op=(EQ | NE) value                          # equalityExpr
    | lhs=ID op=(LT | LE | GT | GE) signedInt            # orderExpr
    | lhs=ID NOT? IN LBRACE valueList RBRACE             # inSetExpr
    | lhs=ID NOT? IN lo=signedInt RANGE hi=signedInt     # inRangeExpr
    | lhs=ID DISCLOSES (WITHOUT CONSENT)?                # disclosesExpr
    | lhs=ID WITHOUT CONSENT                             # withoutConsentExpr
    | lhs=ID OBLIGES obligation=ID                       # obligesExpr
    | lhs=ID IS flag=ID                                  # isExpr
    | TRUE                                               # trueExpr
    | FALSE                                              # falseExpr
    | ID                                                 # nameExpr
    ;

valueList : value (COMMA? value)* COMMA? ;
value     : ID | YES | NO | signedInt ;
signedInt : MINUS? INT ;

// ---- lexer ----------------------------------------------------------------------------

MODULE     : 'module' ;
RULESET    : 'ruleset' ;
EXTENDS    : 'extends' ;
EXTEND     : 'extend' ;
OVERRIDE   : 'override' ;
SOURCE     : 'source' ;
QUESTION   : 'question' ;
PARAMETER  : 'parameter' ;
SET        : 'set' ;
OBLIGATION : 'obligation' ;
FLAG       : 'flag' ;
DEFINE     : 'define' ;
DECISION   : 'decision' ;
OUTCOME    : 'outcome' ;
RULE       : 'rule' ;
ASSUME     : 'assume' ;
PROPERTY   : 'property' ;
TEST       : 'test' ;
ASKED      : 'asked' ;
WHEN       : 'when' ;
THEN       : 'then' ;
HELP       : 'help' ;
EXCEPTION  : 'exception' ;
TO         : 'to' ;
CITE       : 'cite' ;
OBLIGES    : 'obliges' ;
DISCLOSES  : 'discloses' ;
WITHOUT    : 'without' ;
CONSENT    : 'consent' ;
IS         : 'is' ;
ONE        : 'one' ;
OF         : 'of' ;
YESNO      : 'yes/no' ;
YES        : 'yes' ;
NO         : 'no' ;
TRUE       : 'true' ;
FALSE      : 'false' ;
GIVEN      : 'given' ;
EXPECT     : 'expect' ;
DOES       : 'does' ;
NOT        : 'not' ;
DEPEND     : 'depend' ;
ON         : 'on' ;
WHERE      : 'where' ;
AND        : 'and' ;
OR         : 'or' ;
IMPLIES    : 'implies' ;
IN         : 'in' ;
VALID      : 'valid' ;
FROM       : 'from' ;
UNTIL      : 'until' ;
AS         : 'as' ;
REPLACES   : 'replaces' ;

RANGE  : '..' ;
EQ     : '==' ;
NE     : '!=' ;
LE     : '<=' ;
GE     : '>=' ;
LT     : '<' ;
GT     : '>' ;
ASSIGN : '=' ;
LBRACE : '{' ;
RBRACE : '}' ;
LPAREN : '(' ;
RPAREN : ')' ;
COMMA  : ',' ;
COLON  : ':' ;
MINUS  : '-' ;

// A date is written YYYY-MM-DD; looser forms (2015-1-1) are lexed too, so that the error can
// say how to write them.
DATE   : [0-9]+ '-' [0-9]+ '-' [0-9]+ ;
INT    : [0-9]+ ;
ID     : [a-zA-Z_] [a-zA-Z_0-9]* ;
STRING : '"' (~["\\\r\n] | '\\' .)* '"' ;

// Skipped, not kept on a hidden channel: a kept token costs about 150 bytes (a 10 MB file has
// millions). `wegwijzer fmt` reads comments back from the text between two tokens.
LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS            : [ \t\r\n\f\u00A0\uFEFF]+ -> skip ;
// Anything else is one bad character: the parser reports it with its location.
UNKNOWN_CHAR  : . ;
