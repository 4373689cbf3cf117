// "Autour de moi": the browser's position fills the form's hidden "pres" field and the search runs around it.
// Without JavaScript or geolocation the button stays hidden; the commune field does the same job.
(function () {
  var button = document.getElementById('pres-de-moi');
  var near = document.getElementById('pres');
  var message = document.getElementById('position-message');
  if (!button || !near || !navigator.geolocation) { return; }
  button.hidden = false;
  button.addEventListener('click', function () {
    if (message) { message.textContent = 'Recherche de votre position…'; }
    navigator.geolocation.getCurrentPosition(function (position) {
      near.value = position.coords.latitude.toFixed(3) + ',' + position.coords.longitude.toFixed(3);
      var commune = document.getElementById('commune');
      if (commune) { commune.value = ''; }
      button.form.submit();
    }, function () {
      if (message) { message.textContent = "Votre position n'est pas disponible : indiquez plutôt une commune."; }
    }, { timeout: 10000, maximumAge: 600000 });
  });
})();
