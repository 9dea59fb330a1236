/**
 * Places by name: US states, countries and territories, regions, Chinese
 * provinces and large cities, world cities. Used where a name or a line that
 * is only places reads as the place, not as a company or a headline.
 */

/** Chinese provinces and large cities, as a register name may end with one ("… Inc. of Zhuhai"). */
export const CHINESE_PLACES: readonly string[] = (
  'Guangdong|Jiangsu|Zhejiang|Shandong|Fujian|Hubei|Hunan|Henan|Hebei|Sichuan|Anhui|Jiangxi|Shanxi|Shaanxi|Yunnan|Guizhou|Guangxi|Hainan|Liaoning|Jilin|' +
  'Heilongjiang|Gansu|Qinghai|Ningxia|Xinjiang|Tibet|Inner Mongolia|Beijing|Shanghai|Tianjin|Chongqing|Shenzhen|Guangzhou|Hangzhou|Nanjing|Wuhan|Chengdu|' +
  "Xiamen|Suzhou|Hefei|Jinan|Qingdao|Dalian|Ningbo|Xi'an|Xian|Zhengzhou|Changsha|Shenyang|Harbin|Kunming|Fuzhou|Dongguan|Foshan|Wuxi|Zhuhai"
).split('|');

/**
 * Places a legal name may be made of alone: "Texas Co.", "Singapore Ltd.", "Greater China Limited",
 * "New York & Co.". A core that is only a place (a US state, a country, a region, a large city, a Chinese
 * province) names no company a reader would know by it: printed without its form it reads as the place.
 */
const PLACE_WORDS = new Set(
  (
    // US states and territories
    'Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|' +
    'Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|' +
    'North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|' +
    'Wisconsin|Wyoming|Puerto Rico|Guam|District of Columbia|' +
    // Countries and territories
    'America|United States|USA|US|Canada|Mexico|Brazil|Argentina|Chile|Peru|Colombia|Venezuela|Britain|Great Britain|England|Scotland|Wales|Ireland|' +
    'United Kingdom|UK|France|Germany|Italy|Spain|Portugal|Netherlands|Holland|Belgium|Luxembourg|Switzerland|Austria|Sweden|Norway|Denmark|Finland|Iceland|' +
    'Poland|Czech Republic|Czechia|Hungary|Romania|Bulgaria|Greece|Turkey|Russia|Ukraine|Israel|Egypt|Saudi Arabia|Qatar|Kuwait|Bahrain|Oman|Iran|Iraq|' +
    'Jordan|Lebanon|United Arab Emirates|UAE|South Africa|Nigeria|Kenya|Morocco|Ethiopia|Ghana|India|Pakistan|Bangladesh|Sri Lanka|Nepal|China|' +
    'Hong Kong|Macau|Macao|Taiwan|Japan|Korea|South Korea|North Korea|Mongolia|Vietnam|Thailand|Malaysia|Singapore|Indonesia|Philippines|Cambodia|Laos|' +
    'Myanmar|Australia|New Zealand|Kazakhstan|Uzbekistan|Bermuda|Cayman|Cayman Islands|British Virgin Islands|Jersey|Guernsey|Panama|Cyprus|Malta|Monaco|' +
    // Regions
    'Asia|Asia Pacific|Asia-Pacific|Europe|Eurasia|Africa|Americas|Latin America|North America|South America|Central America|Middle East|Pacific|Atlantic|' +
    'Mediterranean|Caribbean|Oceania|Scandinavia|Nordic|Nordics|Baltic|Balkans|Gulf|Greater China|Southeast Asia|Greater Bay Area|Midwest|New England|' +
    'Ontario|Quebec|Alberta|British Columbia|Bavaria|Catalonia|Lombardy|Kowloon|' +
    // Chinese provinces and large cities
    `${CHINESE_PLACES.join('|')}|` +
    // World cities
    'London|Paris|Berlin|Tokyo|Osaka|Seoul|Busan|Taipei|Sydney|Melbourne|Toronto|Vancouver|Montreal|Chicago|Boston|Dallas|Houston|Atlanta|Seattle|Denver|' +
    'Miami|Detroit|Philadelphia|Phoenix|Los Angeles|San Francisco|San Diego|Las Vegas|Silicon Valley|Manhattan|Brooklyn|Dubai|Abu Dhabi|Doha|Riyadh|Mumbai|' +
    'Delhi|New Delhi|Bangalore|Bangkok|Jakarta|Manila|Kuala Lumpur|Hanoi|Ho Chi Minh City|Zurich|Geneva|Frankfurt|Munich|Hamburg|Milan|Rome|Madrid|Barcelona|' +
    'Amsterdam|Rotterdam|Brussels|Vienna|Stockholm|Oslo|Copenhagen|Helsinki|Dublin|Edinburgh|Manchester|Lisbon|Athens|Istanbul|Moscow|Cairo|Johannesburg|' +
    'Lagos|Nairobi|Sao Paulo|São Paulo|Rio de Janeiro|Buenos Aires|Mexico City|Santiago|Lima|Bogota|Bogotá'
  ).split('|'),
);
const PLACE_MODIFIER = /^(?:The|North|South|East|West|Northern|Southern|Eastern|Western|Central|Greater|New|Upper|Lower|Northeast|Northwest|Southeast|Southwest|Mid)$/;
const MAX_PLACE_WORDS = 4;

/**
 * Whether `name` is only places (and joining words, compass words, a registration number): "Texas",
 * "South China", "Hong Kong and Macau", "1234567 Alberta". "Texas Instruments", "China Mobile" and
 * "Singapore Airlines" carry a word of their own and are names.
 */
export function placeOnly(name: string): boolean {
  const words = name.trim().split(/\s+/);
  let i = 0;
  let places = 0;
  while (i < words.length) {
    let n = Math.min(MAX_PLACE_WORDS, words.length - i);
    while (n > 0 && !PLACE_WORDS.has(words.slice(i, i + n).join(' '))) n--;
    if (n > 0) {
      places++;
      i += n;
      continue;
    }
    // "New York" is a place of its own; "South" in "South China" only qualifies the next one.
    const word = words[i]!;
    if (/^(?:\d+|and|&|of|the)$/.test(word) || (PLACE_MODIFIER.test(word) && i + 1 < words.length)) i++;
    else return false;
  }
  return places > 0;
}
