/** Used at run time by fix-entities and at build time by the literal renderings: no build-only dependency here. */

/**
 * Verbs and words a company is the subject of ("Dragon Lake Group repaid",
 * "Zero Run Auto's"), as a context `after` pattern: a rendering made of
 * English words is the company only before one of these. A progressive
 * counts only with a business verb: "is expanding" is a company's news,
 * "is amazing" a description.
 */
export const COMPANY_CUE =
  String.raw`(?:['’]s\b|,?\s+(?:said|says|reported|reports|posted|posts|announced|announces|plans|planned|expects|expected|rose|fell|gained|slipped|jumped|dropped|climbed|sank|surged|slumped|shares|stock|raised|raises|cut|cuts|won|wins|signed|signs|sold|sells|shipped|ships|opened|opens|launched|launches|unveiled|unveils|showed|shows|makes|made|supplies|supplied|repaid|repays|delivered|delivers|filed|files|agreed|agrees|will|would|has|had|missed|misses|faces|faced|delayed|warned|warns|hired|hires|bought|buys|acquired|paid|pays|owes|defaulted|lifted|lifts|kept|keeps|asked|sought|began|started|invested|issued|completed|recalled|recalls|added|lost|booked|narrowed|widened|scrapped|halted|suspended|denied|confirmed|expanded|entered|licensed|licenses|turned|turns|doubled|tripled|halved|swung|returned|listed|lists|postponed|introduced|released|releases|received|secured|spun|overtook|topped|led|leads|joined|reached|logged|recorded|increased|reduced|boosted|lowered|trimmed|slashed|forecast|debuted|priced|aims|intends|seeks|earned|generated|owns|operates|operated|built|builds|developed|develops|produced|produces|exported|exports|outsold|moved|moves|took|takes|(?:is|was)\s+(?:adding|planning|building|cutting|raising|seeking|selling|buying|expanding|considering|weighing|preparing|investing|hiring|launching|developing|testing|recalling|opening|closing|shutting)|CEO|chairman|founder|executives?|revenue|profit|net)\b|\s*\()`;
