// The map of the places listed beside it: one marker per place (clustered when zoomed out), opening its card.
// Without a tile server (Site:TileUrl) it draws the places on a plain background, which needs no network.
(function () {
  var element = document.getElementById('carte');
  if (!element || !window.L) { return; }
  var places = JSON.parse(element.dataset.places || '[]');
  var map = L.map(element, { scrollWheelZoom: false, minZoom: 5, maxZoom: 18 }).setView([43.7, 2.4], 7);
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution || '', maxZoom: 18 }).addTo(map);
  }
  var cluster = L.markerClusterGroup();
  places.forEach(function (place) {
    var marker = L.marker([place.lat, place.lon], { title: place.name, alt: place.name });
    var card = document.createElement('div');
    var link = document.createElement('a');
    link.href = '/lieux/' + place.id;
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
