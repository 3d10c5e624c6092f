#pragma once
// `acgprov civic-addresses export` to CSV: one row per location of each civic address (an
// address without locations gives one row with the location cells empty), so that a row
// holds exactly the civicAddressId / locationId pair a number names. Pure: no I/O.
#include <boost/json/object.hpp>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace acgprov::jobs {

inline constexpr std::array<std::string_view, 27> civic_csv_columns{"civicAddressId",
                                                                    "country",
                                                                    "houseNumber",
                                                                    "houseNumberSuffix",
                                                                    "preDirectional",
                                                                    "streetName",
                                                                    "streetSuffix",
                                                                    "postDirectional",
                                                                    "stateOrProvince",
                                                                    "countyOrDistrict",
                                                                    "cityOrTown",
                                                                    "cityOrTownAlias",
                                                                    "postalOrZipCode",
                                                                    "description",
                                                                    "companyName",
                                                                    "companyId",
                                                                    "defaultLocationId",
                                                                    "validationStatus",
                                                                    "tenantId",
                                                                    "partnerId",
                                                                    "latitude",
                                                                    "longitude",
                                                                    "locationId",
                                                                    "locationDescription",
                                                                    "locationAdditionalInfo",
                                                                    "locationIsDefault",
                                                                    "locationElin"};

std::vector<std::vector<std::string>> civic_csv_rows(const boost::json::object& address);

}  // namespace acgprov::jobs
