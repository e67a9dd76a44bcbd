// The channel tab's configuration page: one fixed tab, the partnership's view across audits.
(function () {
  'use strict';
  var teams = window.microsoftTeams;
  if (!teams || window.parent === window) {
    document.getElementById('status').textContent = 'Open this page from Teams, when adding the tab to a channel.';
    return;
  }

  teams.app.initialize().then(function () {
    return teams.app.getContext();
  }).then(function (context) {
    var theme = context.app && context.app.theme;
    document.documentElement.dataset.theme = theme === 'dark' ? 'dark' : theme === 'contrast' ? 'contrast' : 'light';
    teams.pages.config.registerOnSaveHandler(function (saveEvent) {
      var base = window.location.origin + '/tab/';
      teams.pages.config.setConfig({
        entityId: 'workshopbot-across-audits',
        contentUrl: base,
        websiteUrl: base,
        suggestedDisplayName: 'Across audits'
      }).then(function () { saveEvent.notifySuccess(); }, function (error) { saveEvent.notifyFailure(String(error)); });
    });
    teams.pages.config.setValidityState(true);
  });
})();
