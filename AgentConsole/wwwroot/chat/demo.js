// The demo product page's own navigation: a file rather than an inline script, so the page runs under the widget pages' CSP.
(function () {
  var titles = { dashboard: 'Dashboard', reports: 'Reports', billing: 'Billing', settings: 'Settings' };
  function current() {
    var p = new URLSearchParams(location.search).get('page');
    return titles[p] ? p : 'billing';
  }
  function render() {
    var page = current();
    var main = document.getElementById('content');
    main.textContent = '';
    main.appendChild(document.getElementById('page-' + page).content.cloneNode(true));
    document.title = titles[page] + ' · Northwind Analytics';
    document.querySelectorAll('nav.main a').forEach(function (a) {
      if (a.dataset.page === page) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
  }
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a[data-page]');
    if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    if (a.dataset.page === current()) return;
    history.pushState({ page: a.dataset.page }, '', a.getAttribute('href'));
    render();
    window.scrollTo(0, 0);
  });
  window.addEventListener('popstate', render);
  render();
})();
