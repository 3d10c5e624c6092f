#include "jobs/input/record_identity.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

namespace acgprov::jobs {

namespace json = boost::json;

namespace {

class fnv1a {
public:
  void add(std::string_view s) {
    for (unsigned char c : s) {
      hash_ ^= c;
      hash_ *= 0x100000001b3ull;
    }
  }
  // A separator that no text holds, so that ("ab","c") and ("a","bc") differ.
  void end_field() { add(std::string_view("\0", 1)); }
  std::uint64_t value() const { return hash_ == 0 ? 1 : hash_; }

private:
  std::uint64_t hash_ = 0xcbf29ce484222325ull;
};

void add_value(fnv1a& h, const json::value& v);

void add_object(fnv1a& h, const json::object& o) {
  std::vector<const json::key_value_pair*> members;
  members.reserve(o.size());
  for (const auto& kv : o)
    if (!kv.value().is_null()) members.push_back(&kv);
  std::sort(members.begin(), members.end(), [](auto* a, auto* b) { return a->key() < b->key(); });
  h.add("{");
  for (const auto* kv : members) {
    h.add(kv->key());
    h.end_field();
    add_value(h, kv->value());
    h.end_field();
  }
  h.add("}");
}

void add_value(fnv1a& h, const json::value& v) {
  if (v.is_object()) {
    add_object(h, v.get_object());
  } else if (v.is_array()) {
    h.add("[");
    for (const auto& e : v.get_array()) {
      add_value(h, e);
      h.end_field();
    }
    h.add("]");
  } else {
    h.add(json::serialize(v));  // strings quoted, so "1" and 1 differ
  }
}

}  // namespace

std::uint64_t record_digest(const io::input_record& rec) {
  fnv1a h;
  if (!rec.error.empty()) {
    h.add("error");
    h.end_field();
    h.add(rec.error);
    return h.value();
  }
  if (!rec.fields.empty()) {
    std::vector<const std::pair<std::string, std::string>*> cells;
    cells.reserve(rec.fields.size());
    for (const auto& f : rec.fields)
      if (!f.second.empty()) cells.push_back(&f);
    std::sort(cells.begin(), cells.end(), [](auto* a, auto* b) { return a->first < b->first; });
    h.add("csv");
    for (const auto* c : cells) {
      h.add(c->first);
      h.end_field();
      h.add(c->second);
      h.end_field();
    }
    return h.value();
  }
  add_object(h, rec.object);
  return h.value();
}

record_identity record_positions::next(const io::input_record& rec) {
  if (rec.line == line_ && rec.file == file_) {
    ++count_;
  } else {
    file_ = rec.file;
    line_ = rec.line;
    count_ = 1;
  }
  return {count_, record_digest(rec)};
}

}  // namespace acgprov::jobs
