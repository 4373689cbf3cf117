// The map of the places listed beside it: one marker per place (clustered when zoomed out), opening its card.
// Without a tile server (Site:TileUrl) it draws the places on a plain background, which needs no network.
(function () {
  var element = document.getElementById('carte');
  if (!element || !window.L) { return; }
  var places = JSON.parse(element.dataset.places || '[]');
  var map = L.map(element, { scrollWheelZoom: false, minZoom: 5, maxZoom: 18 }).setView([43.7, 2.4], 7);
  var target = element.dataset.target;
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution || '', maxZoom: 18 }).addTo(map);
  }
  // The base that ships with the site: Occitanie's départements, drawn under the markers, with or without tiles.
  if (element.dataset.base && window.fetch) {
    fetch(element.dataset.base).then(function (answer) { return answer.ok ? answer.json() : null; }).then(function (outlines) {
      if (!outlines) { return; }
      var layer = L.geoJSON(outlines, {
        style: { color: '#0b5d7a', weight: 1, fillColor: '#ffffff', fillOpacity: element.dataset.tiles ? 0 : 0.7 },
        interactive: false,
        attribution: 'Contours : IGN Admin Express (Licence Ouverte)'
      }).addTo(map);
      layer.bringToBack();
    });
  }
  var cluster = L.markerClusterGroup();
  places.forEach(function (place) {
    var marker = L.marker([place.lat, place.lon], { title: place.name, alt: place.name });
    var card = document.createElement('div');
    var link = document.createElement('a');
    link.href = '/lieux/' + place.id;
    if (target) { link.target = target; link.rel = 'noopener'; }
    link.textContent = place.name;
    var kind = document.createElement('p');
    kind.textContent = place.type;
    card.appendChild(link);
    card.appendChild(kind);
    marker.bindPopup(card);
    cluster.addLayer(marker);
  });
  map.addLayer(cluster);
  if (places.length > 0) {
    map.fitBounds(cluster.getBounds(), { padding: [20, 20], maxZoom: 13 });
  }
})();
