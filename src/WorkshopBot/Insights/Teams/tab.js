// The partnership's view across audits. Gets the person's token from Teams (single sign-on), asks the bot's own host
// for the view (HTML with SVG charts drawn on the server) and redraws it when a filter changes. Talks to no other host.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var host = null;
  var latest = 0;

  function applyTheme(theme) {
    document.documentElement.dataset.theme = theme === 'dark' ? 'dark' : theme === 'contrast' ? 'contrast' : 'light';
  }

  // Inside Teams the page is framed; opened directly (development mode on loopback) there is no Teams and no token.
  // Tests set window.workshopBotTeamsHost to stand in for the Teams host (a theme and getAuthToken).
  function connect() {
    if (window.workshopBotTeamsHost) {
      return Promise.resolve(window.workshopBotTeamsHost);
    }

    var teams = window.microsoftTeams;
    if (!teams || window.parent === window) {
      return Promise.resolve(null);
    }

    return teams.app.initialize().then(function () { return teams.app.getContext(); }).then(function (context) {
      teams.app.registerOnThemeChangeHandler(applyTheme);
      return {
        theme: context.app && context.app.theme,
        getAuthToken: function () { return teams.authentication.getAuthToken(); }
      };
    });
  }

  // The partnership's own entry in the agency list is asked for as the owner (by its id), never by a name: an agency may
  // be called "The partnership" too.
  function query() {
    var parts = ['from', 'to', 'theme'].map(function (name) {
      return name + '=' + encodeURIComponent($(name).value || '');
    });
    var chosen = $('agency').selectedOptions[0];
    var owner = chosen ? chosen.dataset.owner || '' : '';
    parts.push(owner ? 'agency=&owner=' + encodeURIComponent(owner) : 'agency=' + encodeURIComponent($('agency').value || ''));
    return parts.join('&');
  }

  function call(path) {
    var token = host ? host.getAuthToken() : Promise.resolve(null);
    return token.then(function (value) {
      var headers = value ? { Authorization: 'Bearer ' + value } : {};
      return fetch(path + '?' + query(), { headers: headers, credentials: 'same-origin', cache: 'no-store' });
    });
  }

  function showProblem(text) {
    $('problem').textContent = text;
    $('problem').hidden = false;
    $('status').textContent = '';
    $('view').textContent = '';
    setDownloads(false);
  }

  function setDownloads(enabled) {
    $('download').disabled = !enabled;
    $('download-actions').disabled = !enabled;
  }

  // A choice is its value and its owner (the partnership's own entry has one; an agency of the same name has none), so the
  // choice kept across a refill is the same one, even where two read alike.
  function fillSelect(select, items, allLabel) {
    var was = select.selectedOptions[0];
    var chosen = was && was.value ? { value: was.value, label: was.text, owner: was.dataset.owner || '' } : null;
    var keep = null;
    select.textContent = '';
    select.appendChild(new Option(allLabel, ''));
    items.forEach(function (item) {
      var option = new Option(item.label, item.value);
      option.dataset.owner = item.owner || '';
      if (chosen && item.value === chosen.value && (item.owner || '') === chosen.owner) {
        keep = option;
      }

      select.appendChild(option);
    });
    if (chosen && !keep) {
      keep = new Option(chosen.label, chosen.value);
      keep.dataset.owner = chosen.owner;
      select.appendChild(keep);
    }

    if (keep) {
      keep.selected = true;
    } else {
      select.value = '';
    }
  }

  // Filters changed quickly start several loads; only the answer to the latest one is shown.
  function load() {
    var mine = ++latest;
    $('status').textContent = 'Loading…';
    return call('api/view').then(function (response) {
      return response.text().then(function (body) {
        if (mine !== latest) {
          return;
        }

        if (!response.ok) {
          showProblem(body || 'The view could not be loaded (' + response.status + ').');
          return;
        }

        $('problem').hidden = true;
        $('view').innerHTML = body;
        var options = $('view').querySelector('#filter-options');
        if (options) {
          fillSelect($('theme'), JSON.parse(options.dataset.themes), 'All themes');
          fillSelect($('agency'), JSON.parse(options.dataset.agencies), 'All agencies');
        }

        $('status').textContent = '';
        setDownloads(true);
      });
    }).catch(function () {
      if (mine !== latest) {
        return;
      }

      showProblem('The view could not be loaded. Check your connection and open the tab again.');
    });
  }

  function download(path, fallbackName) {
    setDownloads(false);
    return call(path).then(function (response) {
      if (!response.ok) {
        return response.text().then(showProblem);
      }

      var disposition = response.headers.get('Content-Disposition') || '';
      var match = /filename="?([^";]+)"?/.exec(disposition);
      return response.blob().then(function (blob) {
        var link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = match ? match[1] : fallbackName;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
      });
    }).finally(function () { setDownloads(true); });
  }

  function start() {
    var today = new Date();
    var from = new Date(today.getFullYear() - 2, today.getMonth(), today.getDate());
    var iso = function (d) { return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10); };
    $('to').value = iso(today);
    $('from').value = iso(from);
    ['from', 'to', 'theme', 'agency'].forEach(function (id) { $(id).addEventListener('change', load); });
    $('download').addEventListener('click', function () { download('api/summary.xlsx', 'Cross-audit summary.xlsx'); });
    $('download-actions').addEventListener('click', function () { download('api/actions.xlsx', 'Action plans.xlsx'); });
    connect().then(function (connected) {
      host = connected;
      applyTheme(host && host.theme);
      return load();
    }).catch(function () {
      showProblem('Teams did not answer. Close the tab and open it again.');
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
