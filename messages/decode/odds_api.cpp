// The Odds API v4 decoder (see odds_api.hpp).
#include "messages/decode/odds_api.hpp"

#include "messages/decode/detail/walk.hpp"
#include "messages/identity.hpp"

namespace courtside::decode {
using namespace detail;
namespace {

bool equals_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z')
      x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z')
      y = static_cast<char>(y - 'A' + 'a');
    if (x != y)
      return false;
  }
  return true;
}

struct outcome {
  std::string name;        // "Over", "Under", "Yes", "Dunk", a team name
  std::string description; // the player, for player markets
  std::optional<double> price;
  std::optional<double> point;
};

/// Where the outcomes of one market go, and what they share.
struct market_context {
  std::vector<PropLine>& props;
  std::size_t first; // props[first..] belong to this market
  std::string book;
  std::string market;
  std::string last_update;
};

// Over and Under of the same player and point become one line; anything else stands alone.
void add_outcome(market_context& m, outcome&& o) {
  const bool over = equals_ci(o.name, "Over");
  const bool under = equals_ci(o.name, "Under");
  if (over || under) {
    for (std::size_t i = m.first; i < m.props.size(); ++i) {
      PropLine& line = m.props[i];
      std::optional<double>& side = over ? line.over_price : line.under_price;
      if (line.outcome.empty() && line.player_name == o.description && line.line == o.point &&
          !side) {
        side = o.price;
        return;
      }
    }
  }
  PropLine line;
  line.book = m.book;
  line.market = m.market;
  line.last_update = m.last_update;
  line.player_name = std::move(o.description);
  line.player_key = identity::player_lookup_key(line.player_name);
  line.line = o.point;
  if (over)
    line.over_price = o.price;
  else if (under)
    line.under_price = o.price;
  else {
    line.outcome = std::move(o.name);
    line.price = o.price;
  }
  m.props.push_back(std::move(line));
}

bool read_outcome(walk& w, od::value& v, market_context& m) {
  const char* at = w.where(v);
  outcome o;
  bool ok = for_each_field(w, v, [&](std::string_view key, od::value& x) {
    if (key_is(key, "name"))
      return read_string(w, x, o.name);
    if (key_is(key, "description"))
      return read_string(w, x, o.description);
    if (key_is(key, "price"))
      return read_double(w, x, o.price);
    if (key_is(key, "point"))
      return read_double(w, x, o.point);
    return true;
  });
  if (!ok)
    return false;
  if (o.name.empty())
    return w.missing("name", at);
  if (!o.price)
    return w.missing("price", at);
  add_outcome(m, std::move(o));
  return true;
}

bool read_market(walk& w, od::value& v, std::vector<PropLine>& props, const std::string& book,
                 const std::string& book_update) {
  market_context m{props, props.size(), book, {}, book_update};
  // Outcomes may come before the market's key in document order: fill shared fields after.
  bool ok = for_each_field(w, v, [&](std::string_view key, od::value& x) {
    if (key_is(key, "key"))
      return read_string(w, x, m.market);
    if (key_is(key, "last_update"))
      return read_string(w, x, m.last_update);
    if (key_is(key, "outcomes"))
      return for_each_element(w, x, [&](std::size_t, od::value& o) { return read_outcome(w, o, m); });
    return true;
  });
  for (std::size_t i = m.first; ok && i < props.size(); ++i) {
    props[i].market = m.market;
    props[i].last_update = m.last_update;
  }
  return ok;
}

bool read_bookmaker(walk& w, od::value& v, std::vector<PropLine>& props) {
  const std::size_t first = props.size();
  std::string book, update;
  bool ok = for_each_field(w, v, [&](std::string_view key, od::value& x) {
    if (key_is(key, "key"))
      return read_string(w, x, book);
    if (key_is(key, "last_update"))
      return read_string(w, x, update);
    if (key_is(key, "markets"))
      return for_each_element(w, x, [&](std::size_t, od::value& m) {
        return read_market(w, m, props, book, update);
      });
    return true;
  });
  for (std::size_t i = first; ok && i < props.size(); ++i) {
    props[i].book = book;
    if (props[i].last_update.empty())
      props[i].last_update = update;
  }
  return ok;
}

// One field of an event object; shared by bare events and a root that is itself an event.
bool read_event_field(walk& w, std::string_view key, od::value& x, Event& e,
                      std::vector<PropLine>& props) {
  if (key_is(key, "id"))
    return read_string(w, x, e.id);
  if (key_is(key, "sport_key"))
    return read_string(w, x, e.sport_key);
  if (key_is(key, "commence_time"))
    return read_string(w, x, e.commence_time);
  if (key_is(key, "home_team"))
    return read_string(w, x, e.home_team);
  if (key_is(key, "away_team"))
    return read_string(w, x, e.away_team);
  if (key_is(key, "bookmakers"))
    return for_each_element(w, x, [&](std::size_t, od::value& b) { return read_bookmaker(w, b, props); });
  return true;
}

// Derives tricodes and the game key, and stamps the event's props with them.
bool finish_event(walk& w, Event& e, std::vector<PropLine>& props, std::size_t first,
                  const char* at) {
  if (e.id.empty())
    return w.missing("id", at);
  if (e.home_team.empty())
    return w.missing("home_team", at);
  if (e.away_team.empty())
    return w.missing("away_team", at);
  e.home_tricode = std::string(identity::tricode_from_team_name(e.home_team).value_or(""));
  e.away_tricode = std::string(identity::tricode_from_team_name(e.away_team).value_or(""));
  if (auto day = identity::eastern_date_of(e.commence_time))
    e.game_key = identity::make_game_key(*day, e.away_tricode, e.home_tricode);
  for (std::size_t i = first; i < props.size(); ++i) {
    props[i].event_id = e.id;
    props[i].game_key = e.game_key;
  }
  return true;
}

bool read_event(walk& w, od::value& v, OddsSnapshot& snap) {
  const char* at = w.where(v);
  const std::size_t first = snap.props.size();
  Event e;
  bool ok = for_each_field(w, v, [&](std::string_view key, od::value& x) {
    return read_event_field(w, key, x, e, snap.props);
  });
  if (!ok || !finish_event(w, e, snap.props, first, at))
    return false;
  snap.events.push_back(std::move(e));
  return true;
}

// "data" of the historical wrapper: an array of events or one event.
bool read_data(walk& w, od::value& v, OddsSnapshot& snap) {
  od::json_type type{};
  if (auto ec = v.type().get(type))
    return w.fail_json(ec, "events");
  if (type == od::json_type::object)
    return read_event(w, v, snap);
  return for_each_element(w, v, [&](std::size_t, od::value& e) { return read_event(w, e, snap); });
}

// An object root is either the historical wrapper or one bare event; tell them apart by
// the fields seen, in one pass.
bool read_object_root(walk& w, OddsSnapshot& snap) {
  Event bare;
  std::string message;
  bool wrapper = false, event_fields = false;
  bool ok = for_each_root_field(w, [&](std::string_view key, od::value& x) {
    if (key_is(key, "timestamp") || key_is(key, "data") || key_is(key, "previous_timestamp") ||
        key_is(key, "next_timestamp")) {
      wrapper = true;
      if (key_is(key, "timestamp"))
        return read_string(w, x, snap.timestamp);
      return !key_is(key, "data") || read_data(w, x, snap);
    }
    if (key_is(key, "message")) // The Odds API's error body: {"message": ..., "error_code": ...}
      return read_string(w, x, message);
    event_fields = true;
    return read_event_field(w, key, x, bare, snap.props);
  });
  if (!ok)
    return false;
  if (wrapper)
    return true;
  if (!message.empty())
    return w.fail(decode_errc::invalid_value, "upstream error body: " + message, w.end());
  if (!event_fields)
    return w.missing("data", w.end());
  if (!finish_event(w, bare, snap.props, 0, w.end()))
    return false;
  snap.events.push_back(std::move(bare));
  return true;
}

bool read_snapshot(walk& w, OddsSnapshot& snap) {
  od::json_type type{};
  if (!root_type(w, type))
    return false;
  if (type == od::json_type::object)
    return read_object_root(w, snap);
  return for_each_root_element(w, [&](std::size_t, od::value& e) { return read_event(w, e, snap); });
}

} // namespace

odds_api_decoder::odds_api_decoder() : session_(std::make_unique<json_session>()) {}
odds_api_decoder::~odds_api_decoder() = default;
odds_api_decoder::odds_api_decoder(odds_api_decoder&&) noexcept = default;
odds_api_decoder& odds_api_decoder::operator=(odds_api_decoder&&) noexcept = default;

decode_result<OddsSnapshot> odds_api_decoder::events(std::string_view json) {
  return run_decode<OddsSnapshot>(*session_, json, read_snapshot);
}

decode_result<OddsSnapshot> odds_api_decoder::event_odds(std::string_view json) {
  return run_decode<OddsSnapshot>(*session_, json, read_snapshot);
}

} // namespace courtside::decode
