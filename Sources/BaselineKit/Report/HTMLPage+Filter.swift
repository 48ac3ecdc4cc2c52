extension HTMLPage {
  /// A large estate's filter, above the matrix: hidden until the script shows it (without
  /// script the page is the whole matrix). The filter is also read from the address after
  /// `#` (`#environment=SIT&verdict=drifted`), so a filtered view can be bookmarked or sent.
  static let filterForm = """
    <form id="filter" hidden aria-label="Filter the matrix"><p>\
    <label>Environment <input name="environment" type="search" size="12"></label> \
    <label>Component <input name="component" type="search" size="16"></label> \
    <label>Verdict <select name="verdict"><option value="">any</option>\
    <option value="not-ok">not at baseline</option><option value="drifted">drifted</option>\
    <option value="unknown">unknown</option><option value="accepted">accepted deviation</option>\
    <option value="ok">at baseline</option></select></label> \
    <output id="filter-count" aria-live="polite"></output></p></form>

    """

  /// Shows the filter and applies it: environments (columns) whose name holds the text,
  /// components (rows) whose name holds the text and that have, in a shown column, a cell of
  /// the verdict. Columns are hidden by one style rule each (in every table of the matrix),
  /// rows by `hidden`.
  static let filterScript = """
    (function(){var f=document.getElementById("filter");if(!f)return;f.hidden=false;\
    var h=document.querySelector("#matrix thead tr").cells,\
    r=document.querySelectorAll("#matrix tbody tr"),s=document.createElement("style");\
    document.head.appendChild(s);\
    function has(x,n){return!n||x.textContent.toLowerCase().indexOf(n.toLowerCase())>=0}\
    function match(c,v){var k=c.className;return v==="not-ok"?k!=="ok"&&k!=="absent":k===v}\
    function apply(){var e=f.elements.environment.value,n=f.elements.component.value,\
    v=f.elements.verdict.value,show=[],css="",count=0,i,j;for(i=1;i<h.length;i++){\
    show[i]=has(h[i],e);if(!show[i])css+="#matrix tr>:nth-child("+(i+1)+"){display:none}"}\
    s.textContent=css;for(i=0;i<r.length;i++){var row=r[i],ok=has(row.cells[0],n);\
    if(ok&&v){ok=false;for(j=1;j<row.cells.length;j++){if(show[j]&&match(row.cells[j],v))\
    {ok=true;break}}}row.hidden=!ok;if(ok)count++}\
    document.getElementById("filter-count").textContent=count+" of "+r.length+" components"}\
    var p=new URLSearchParams(location.hash.slice(1));["environment","component","verdict"]\
    .forEach(function(k){if(p.has(k))f.elements[k].value=p.get(k)});\
    f.addEventListener("input",apply);f.addEventListener("submit",function(x){x.preventDefault();\
    apply()});apply()})();
    """
}
