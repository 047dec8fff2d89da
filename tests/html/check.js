// Layout checks of debtscan's HTML report, run inside a real browser after the page has laid
// out (tests/html.rs and scripts/html-check.sh append it to a copy of a report). Writes what
// it found to the root element's `data-check` attribute as JSON, which `--dump-dom` shows:
// every shape of every picture inside its picture, no two labels of a picture overlapping,
// no blank picture.
(function () {
  var problems = [];
  var texts = 0;
  function box(e) { return e.getBoundingClientRect(); }
  function say(e) { return e.tagName + ' "' + (e.textContent || '').trim().slice(0, 50) + '"'; }
  var charts = document.querySelectorAll('svg.chart');
  Array.prototype.forEach.call(charts, function (svg) {
    var frame = box(svg);
    var drawn = 0;
    Array.prototype.forEach.call(svg.querySelectorAll('rect,circle,path,line,text'), function (e) {
      if (e.closest('defs')) return;
      var b = box(e);
      if (b.width === 0 && b.height === 0) return;
      if (e.tagName !== 'text') drawn++;
      if (b.left < frame.left - 1 || b.right > frame.right + 1 ||
          b.top < frame.top - 1 || b.bottom > frame.bottom + 1) {
        problems.push(svg.id + ': ' + say(e) + ' drawn outside its picture');
      }
    });
    if (drawn === 0) problems.push(svg.id + ': blank picture');
    var labels = Array.prototype.slice.call(svg.querySelectorAll('text')).map(function (t) {
      return [t, box(t)];
    });
    texts += labels.length;
    for (var i = 0; i < labels.length; i++) {
      for (var j = i + 1; j < labels.length; j++) {
        var a = labels[i][1], b = labels[j][1];
        // Glyph boxes include the font's ascent and descent: lines 14 units apart touch.
        var dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        var dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (dx > 1 && dy > 3) {
          problems.push(svg.id + ': ' + say(labels[i][0]) + ' overlaps ' + say(labels[j][0]));
        }
      }
    }
  });
  document.documentElement.setAttribute('data-check', JSON.stringify({
    charts: charts.length, texts: texts, problems: problems
  }));
})();
