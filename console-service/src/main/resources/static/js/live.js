// Keeps the parts of a page marked data-live current while a retro scan runs, by fetching
// the page again and swapping those parts in: a reload would wipe a form being filled in
// on the same page. Without JavaScript the page reloads itself (the meta refresh inside
// <noscript> in the layout). Polling stops when the fresh page no longer carries this
// script (nothing runs any more), after a few failed fetches (signed out, console gone),
// and pauses while the tab is hidden.
(function () {
	'use strict';
	var PERIOD_MILLIS = 3000;
	var MAX_FAILURES = 5;
	var failures = 0;

	function schedule() {
		window.setTimeout(tick, PERIOD_MILLIS);
	}

	function swap(fresh) {
		document.querySelectorAll('[data-live][id]').forEach(function (element) {
			var replacement = fresh.getElementById(element.id);
			if (replacement) {
				element.replaceWith(document.importNode(replacement, true));
			}
			else {
				element.remove();
			}
		});
	}

	function tick() {
		if (document.hidden) {
			schedule();
			return;
		}
		fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
			.then(function (response) {
				if (!response.ok) {
					throw new Error('HTTP ' + response.status);
				}
				return response.text();
			})
			.then(function (html) {
				var fresh = new DOMParser().parseFromString(html, 'text/html');
				swap(fresh);
				failures = 0;
				if (fresh.querySelector('script[data-live-refresh]')) {
					schedule();
				}
			})
			.catch(function () {
				failures++;
				if (failures < MAX_FAILURES) {
					schedule();
				}
			});
	}

	schedule();
})();
